"""Real STARTTLS servers from Debian packages, each started on a free loopback port with
a generated configuration in a temporary directory and the lab PKI's certificate:

    from tests.lab.servers import start
    with start("dovecot", lab.pki) as srv:       # srv.ports["imap"], srv.ports["pop3s"], ...
        ...

Kinds (`KINDS`): dovecot (IMAP/POP3, STARTTLS and implicit), postgres, postgres_legacy,
mariadb, mariadb_rsa_kex, slapd, vsftpd, prosody. See each module for its configuration.
"""

from .base import Daemon, ServerMissing, start, KINDS  # noqa: F401

// Interop client: one TLS connection the way a Go program with a zero tls.Config
// (plus RootCAs and ServerName) makes it, then one HTTP/1.0 GET. Prints one JSON line.
//
//	tlsclient HOST PORT CAFILE
//
// Built several times by build.sh with different go.mod `go` lines: the line sets
// the GODEBUG defaults (tlsrsakex, tls3des, tlssha1, tlsmlkem, ...), so each build
// behaves like the Go release of that line for those settings. Exit status is 0.
package main

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"runtime"
	"time"
)

const timeout = 10 * time.Second

type result struct {
	OK      bool    `json:"ok"`
	Version *string `json:"version"`
	Cipher  *string `json:"cipher"`
	Group   *string `json:"group"`
	Error   *string `json:"error"`
	Stage   string  `json:"stage"`
	Client  string  `json:"client"`
}

func str(s string) *string { return &s }

func versionName(v uint16) string {
	switch v {
	case tls.VersionTLS10:
		return "TLSv1"
	case tls.VersionTLS11:
		return "TLSv1.1"
	case tls.VersionTLS12:
		return "TLSv1.2"
	case tls.VersionTLS13:
		return "TLSv1.3"
	}
	return fmt.Sprintf("0x%04x", v)
}

func run(host, port, caFile string) (r result) {
	r.Client = runtime.Version() + " GODEBUG=" + os.Getenv("GODEBUG")
	r.Stage = "setup"
	pem, err := os.ReadFile(caFile)
	if err != nil {
		r.Error = str(err.Error())
		return
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		r.Error = str("no certificate in " + caFile)
		return
	}
	r.Stage = "handshake"
	dialer := &net.Dialer{Timeout: timeout, Deadline: time.Now().Add(timeout)}
	conn, err := tls.DialWithDialer(dialer, "tcp", net.JoinHostPort(host, port),
		&tls.Config{ServerName: "localhost", RootCAs: pool})
	if err != nil {
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			r.Stage = "timeout"
		}
		r.Error = str(err.Error())
		return
	}
	defer conn.Close()
	st := conn.ConnectionState()
	r.Version = str(versionName(st.Version))
	r.Cipher = str(tls.CipherSuiteName(st.CipherSuite))
	if st.CurveID != 0 {
		r.Group = str(st.CurveID.String())
	}
	// A TLS 1.3 server that wants a client certificate says so only after the
	// client's Finished: the first read is where a real program sees it.
	r.Stage = "http"
	_ = conn.SetDeadline(time.Now().Add(timeout))
	if _, err := conn.Write([]byte("GET / HTTP/1.0\r\nHost: localhost\r\n\r\n")); err != nil {
		r.Error = str(err.Error())
		return
	}
	buf := make([]byte, 256)
	n, err := conn.Read(buf)
	if n == 0 && err != nil {
		r.Error = str(err.Error())
		return
	}
	r.Stage = "done"
	r.OK = true
	return
}

func main() {
	var r result
	if len(os.Args) != 4 {
		r.Error = str("usage: tlsclient HOST PORT CAFILE")
	} else {
		r = run(os.Args[1], os.Args[2], os.Args[3])
	}
	out, _ := json.Marshal(r)
	fmt.Println(string(out))
}

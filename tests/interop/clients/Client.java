// Interop client: one TLS connection the way a Java program with a default
// SSLContext (JDK defaults: java.security, jdk.tls.*) but a trust store holding only
// the lab CA makes it, with SNI "localhost" and HTTPS host name checking, then one
// HTTP/1.0 GET. Run as a single-file source program:
//
//   java Client.java CAFILE HOST PORT    -> one JSON line
//   java Client.java CAFILE              -> reads "HOST PORT" lines on stdin, one JSON
//                                           line per target (one JVM start for a whole run)
// Exit status 0.
import java.io.*;
import java.net.*;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.*;
import java.util.*;
import javax.net.ssl.*;

public class Client {
    static final int TIMEOUT_MS = 10000;

    static String q(String s) {
        if (s == null) return "null";
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c)); else b.append(c);
            }
        }
        return b.append('"').toString();
    }

    static String describe(Throwable e) {
        StringBuilder b = new StringBuilder(e.toString());
        Set<Throwable> seen = new HashSet<>();
        for (Throwable c = e.getCause(); c != null && seen.add(c); c = c.getCause()) {
            if (c.getMessage() != null && e.getMessage() != null && e.getMessage().contains(c.getMessage())) continue;
            b.append(" <- ").append(c);
        }
        return b.toString();
    }

    static SSLSocketFactory factory(String caFile) throws Exception {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        int i = 0;
        try (InputStream in = new FileInputStream(caFile)) {
            for (java.security.cert.Certificate c : cf.generateCertificates(in)) ks.setCertificateEntry("lab-ca-" + (i++), c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx.getSocketFactory();
    }

    static String connect(SSLSocketFactory f, String host, int port) {
        String version = null, cipher = null, error = null, stage = "handshake";
        boolean ok = false;
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
            raw.setSoTimeout(TIMEOUT_MS);
            try (SSLSocket s = (SSLSocket) f.createSocket(raw, "localhost", port, true)) {
                SSLParameters p = s.getSSLParameters();
                p.setServerNames(List.of(new SNIHostName("localhost")));
                p.setEndpointIdentificationAlgorithm("HTTPS");
                s.setSSLParameters(p);
                s.startHandshake();
                SSLSession sess = s.getSession();
                version = sess.getProtocol();
                cipher = sess.getCipherSuite();
                // TLS 1.3: a server that wants a client certificate says so at the first read
                stage = "http";
                OutputStream out = s.getOutputStream();
                out.write("GET / HTTP/1.0\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (s.getInputStream().read(new byte[256]) < 0) throw new EOFException("connection closed before any response");
                stage = "done";
                ok = true;
            }
        } catch (SocketTimeoutException e) {
            stage = "timeout";
            error = describe(e);
        } catch (Throwable e) {
            error = describe(e);
        }
        return "{\"ok\": " + ok + ", \"version\": " + q(version) + ", \"cipher\": " + q(cipher)
            + ", \"group\": null, \"error\": " + q(error) + ", \"stage\": " + q(stage)
            + ", \"client\": " + q("Java " + System.getProperty("java.runtime.version") + " " + System.getProperty("java.vendor")) + "}";
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
        if (args.length != 1 && args.length != 3) {
            out.println("{\"ok\": false, \"version\": null, \"cipher\": null, \"error\": \"usage: java Client.java CAFILE [HOST PORT]\"}");
            return;
        }
        SSLSocketFactory f;
        try {
            f = factory(args[0]);
        } catch (Throwable e) {
            out.println("{\"ok\": false, \"version\": null, \"cipher\": null, \"error\": " + q(describe(e)) + ", \"stage\": \"setup\"}");
            return;
        }
        if (args.length == 3) {
            out.println(connect(f, args[1], Integer.parseInt(args[2])));
            return;
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] hp = line.trim().split("\\s+");
            if (hp.length != 2) { out.println("{\"ok\": false, \"version\": null, \"cipher\": null, \"error\": \"bad target line\"}"); continue; }
            out.println(connect(f, hp[0], Integer.parseInt(hp[1])));
        }
    }
}

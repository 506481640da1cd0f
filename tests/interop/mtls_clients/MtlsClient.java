// mTLS interop client: one connection the way a Java program with a KeyStore
// (PKCS#12) and the default KeyManagerFactory makes it, then GET / and the
// status line.   java MtlsClient.java HOST PORT CAFILE [P12 PASSWORD] -> JSON
import java.io.*;
import java.security.*;
import java.security.cert.*;
import javax.net.ssl.*;

public class MtlsClient {
  public static void main(String[] a) {
    String ok = "false", status = "null", error = "null";
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      try (InputStream in = new FileInputStream(a[2])) {
        trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      KeyManager[] kms = null;
      if (a.length > 4) {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(a[3])) { ks.load(in, a[4].toCharArray()); }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, a[4].toCharArray());
        kms = kmf.getKeyManagers();
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kms, tmf.getTrustManagers(), null);
      try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(a[0], Integer.parseInt(a[1]))) {
        s.setSoTimeout(10000);
        SSLParameters p = s.getSSLParameters();
        p.setServerNames(java.util.List.of(new SNIHostName("localhost")));
        p.setEndpointIdentificationAlgorithm("HTTPS");
        s.setSSLParameters(p);
        s.startHandshake();
        s.getOutputStream().write("GET / HTTP/1.0\r\nHost: localhost\r\n\r\n".getBytes());
        s.getOutputStream().flush();
        String line = new BufferedReader(new InputStreamReader(s.getInputStream())).readLine();
        if (line == null) throw new IOException("connection closed before any response");
        status = quote(line);
        ok = "true";
      }
    } catch (Exception e) {
      error = quote(e.toString());
    }
    System.out.println("{\"ok\": " + ok + ", \"status\": " + status + ", \"error\": " + error + "}");
  }

  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\x00-\\x1f]", " ") + "\"";
  }
}

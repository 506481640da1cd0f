// mTLS interop client: one connection the way a Go program with
// tls.Config{RootCAs, Certificates} makes it, then GET / and the status line.
//   mtls-go HOST PORT CAFILE [CERT KEY]   -> one JSON line
package main

import (
	"bufio"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"time"
)

func main() {
	r := map[string]any{"ok": false, "status": nil, "error": nil}
	defer func() { b, _ := json.Marshal(r); fmt.Println(string(b)) }()
	host, port, cafile := os.Args[1], os.Args[2], os.Args[3]
	pem, err := os.ReadFile(cafile)
	if err != nil {
		r["error"] = err.Error()
		return
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(pem)
	cfg := &tls.Config{RootCAs: pool, ServerName: "localhost"}
	if len(os.Args) > 5 {
		cert, err := tls.LoadX509KeyPair(os.Args[4], os.Args[5])
		if err != nil {
			r["error"] = err.Error()
			return
		}
		cfg.Certificates = []tls.Certificate{cert}
	}
	d := &net.Dialer{Timeout: 10 * time.Second}
	conn, err := tls.DialWithDialer(d, "tcp", net.JoinHostPort(host, port), cfg)
	if err != nil {
		r["error"] = err.Error()
		return
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(conn, "GET / HTTP/1.0\r\nHost: localhost\r\n\r\n")
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil && line == "" {
		r["error"] = err.Error()
		return
	}
	r["status"] = line
	r["ok"] = true
}

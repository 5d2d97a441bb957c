package server

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"reportsearch/index"
)

// TestHTTPServerLimits checks that the server every command uses has read,
// write and idle timeouts and a header limit: without them one client can
// hold a connection, and a goroutine, forever.
func TestHTTPServerLimits(t *testing.T) {
	srv := HTTPServer("127.0.0.1:0", http.NotFoundHandler(), nil)
	for _, l := range []struct {
		name string
		d    time.Duration
	}{
		{"ReadHeaderTimeout", srv.ReadHeaderTimeout},
		{"ReadTimeout", srv.ReadTimeout},
		{"WriteTimeout", srv.WriteTimeout},
		{"IdleTimeout", srv.IdleTimeout},
	} {
		if l.d <= 0 || l.d > 5*time.Minute {
			t.Errorf("%s = %v; want a limit of at most 5 minutes", l.name, l.d)
		}
	}
	if srv.ReadHeaderTimeout > srv.ReadTimeout {
		t.Errorf("ReadHeaderTimeout %v longer than ReadTimeout %v", srv.ReadHeaderTimeout, srv.ReadTimeout)
	}
	if srv.MaxHeaderBytes <= 0 || srv.MaxHeaderBytes > 1<<20 {
		t.Errorf("MaxHeaderBytes = %d", srv.MaxHeaderBytes)
	}
}

// TestSlowClientsCutOff opens connections that send their headers one byte
// at a time (slowloris): the server must close each one before it has sent
// them all (ReadHeaderTimeout), and answer other clients meanwhile.
func TestSlowClientsCutOff(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the header timeout")
	}
	h, _ := newReal(t)
	addr := startReal(t, h)
	srv := HTTPServer(addr, h, nil)
	req := "GET /api/search?q=" + q("企业") + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow\r\n" +
		strings.Repeat("X-Slow: 0123456789\r\n", 20) + "\r\n"
	// At one byte per step, sending the whole request would take this long:
	step := 4 * srv.ReadHeaderTimeout / time.Duration(len(req))
	if step < 10*time.Millisecond {
		t.Fatalf("request too short for the header timeout %v", srv.ReadHeaderTimeout)
	}

	const slow = 20
	type outcome struct {
		sent   int
		closed bool
		err    error
	}
	results := make(chan outcome, slow)
	for range slow {
		go func() {
			c, err := net.Dial("tcp", addr)
			if err != nil {
				results <- outcome{err: err}
				return
			}
			defer c.Close()
			// the server closes the connection: a read returns, or a
			// write fails
			closed := make(chan struct{})
			go func() {
				io.Copy(io.Discard, c)
				close(closed)
			}()
			for i := range len(req) {
				select {
				case <-closed:
					results <- outcome{sent: i, closed: true}
					return
				case <-time.After(step):
				}
				if _, err := c.Write([]byte{req[i]}); err != nil {
					results <- outcome{sent: i, closed: true}
					return
				}
			}
			results <- outcome{sent: len(req)}
		}()
	}

	// Meanwhile a normal client is served.
	time.Sleep(200 * time.Millisecond)
	client := &http.Client{Timeout: 10 * time.Second}
	resp, err := client.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatalf("GET /healthz while %d slow clients hold connections: %v", slow, err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("GET /healthz while slow clients hold connections = %d", resp.StatusCode)
	}

	for range slow {
		o := <-results
		if o.err != nil {
			t.Fatal(o.err)
		}
		if !o.closed || o.sent >= len(req) {
			t.Errorf("a slow client sent %d of %d bytes and was not cut off", o.sent, len(req))
		}
	}
}

// TestShutdownDrains shuts the server down while a search is running: the
// search is answered in full, Shutdown waits for it, and no new connection
// is accepted after.
func TestShutdownDrains(t *testing.T) {
	started := make(chan struct{})
	release := make(chan struct{})
	h, _ := newFake(func(ctx context.Context, req index.Request) (*index.Result, error) {
		close(started)
		select {
		case <-release:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		return &index.Result{Query: req.Query, Total: 1, Hits: []index.Hit{{Bullet: fakeBullet}}}, nil
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := HTTPServer(ln.Addr().String(), h, nil)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	type answer struct {
		status int
		body   string
		err    error
	}
	answered := make(chan answer, 1)
	go func() {
		resp, err := http.Get("http://" + ln.Addr().String() + "/api/search?q=slow")
		if err != nil {
			answered <- answer{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		answered <- answer{resp.StatusCode, string(b), err}
	}()
	<-started

	var shutdownErr error
	var wg sync.WaitGroup
	wg.Add(1)
	shutdownDone := make(chan struct{})
	go func() {
		defer wg.Done()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		shutdownErr = srv.Shutdown(ctx)
		close(shutdownDone)
	}()

	// Shutdown waits while the search runs, and the listener is closed.
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			break
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("the server still accepts connections after Shutdown")
		}
		time.Sleep(10 * time.Millisecond)
	}
	select {
	case <-shutdownDone:
		t.Fatal("Shutdown returned while a request was in flight")
	case <-time.After(100 * time.Millisecond):
	}

	close(release)
	a := <-answered
	if a.err != nil || a.status != 200 || !strings.Contains(a.body, `"total":1`) {
		t.Fatalf("the in-flight search was answered %d %q, %v; want 200 and its result", a.status, a.body, a.err)
	}
	wg.Wait()
	if shutdownErr != nil {
		t.Errorf("Shutdown = %v", shutdownErr)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		t.Errorf("Serve = %v; want http.ErrServerClosed", err)
	}
}

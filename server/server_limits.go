package server

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// Request body limits of the server.
const (
	// MaxQueryBody bounds a query (/api/v2/query, /api/v2/read, the explorer's API).
	MaxQueryBody = 1 << 20
	// MaxWriteBody bounds an N-Quads write or delete (/api/v2/write, /api/v2/delete).
	MaxWriteBody = 64 << 20
)

// limitBodies refuses request bodies over the limits with 413: a write's
// body is read through http.MaxBytesReader, any other is read whole (it is
// small) so that a body over MaxQueryBody is refused rather than cut short
// (Cayley's own 1 MB cap on queries truncates silently).
func limitBodies(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body == nil || r.Body == http.NoBody {
			next.ServeHTTP(w, r)
			return
		}
		limit := int64(MaxQueryBody)
		if isWrite(r.URL.Path) {
			limit = MaxWriteBody
		}
		if r.ContentLength > limit {
			tooLarge(w, limit)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		if limit == MaxQueryBody {
			data, err := io.ReadAll(r.Body)
			var mb *http.MaxBytesError
			if errors.As(err, &mb) {
				tooLarge(w, limit)
				return
			}
			if err != nil {
				jsonError(w, http.StatusBadRequest, "reading the request: "+err.Error())
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(data))
		}
		next.ServeHTTP(w, r)
	})
}

func tooLarge(w http.ResponseWriter, limit int64) {
	jsonError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body too large (limit %d bytes)", limit))
}

// noCORS makes sure no response allows other origins to read it: whatever a
// handler sets, Access-Control-Allow-* headers are removed before the
// response goes out, and preflight requests get no permission.
func noCORS(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(&corsStripper{ResponseWriter: w}, r)
	})
}

type corsStripper struct {
	http.ResponseWriter
	done bool
}

func (c *corsStripper) strip() {
	if c.done {
		return
	}
	c.done = true
	h := c.ResponseWriter.Header()
	for k := range h {
		if strings.HasPrefix(k, "Access-Control-Allow-") || k == "Access-Control-Expose-Headers" {
			delete(h, k)
		}
	}
}

func (c *corsStripper) WriteHeader(code int) {
	c.strip()
	c.ResponseWriter.WriteHeader(code)
}

func (c *corsStripper) Write(p []byte) (int, error) {
	c.strip()
	return c.ResponseWriter.Write(p)
}

func (c *corsStripper) ReadFrom(r io.Reader) (int64, error) {
	c.strip()
	return io.Copy(c.ResponseWriter, r)
}

// Unwrap lets http.ResponseController reach the connection (flushing,
// deadlines).
func (c *corsStripper) Unwrap() http.ResponseWriter { return c.ResponseWriter }

// Flush passes flushes through.
func (c *corsStripper) Flush() {
	c.strip()
	if f, ok := c.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

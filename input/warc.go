package input

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// A WARC file (ISO 28500, as written by news crawlers; .warc.gz is a gzip member per record,
// which the gzip reader reads as one stream) is a run of records:
//
//	WARC/1.1 CRLF, header lines, CRLF, Content-Length bytes of block, CRLF CRLF
//
// Each "response" record whose block is an HTTP 200 response with an HTML body (and each
// "resource" record of an HTML page) is one article, read like an HTML page fetched from the
// record's WARC-Target-URI. Other records (warcinfo, request, metadata, revisit, responses
// that are redirects, images, scripts...) hold no article and are passed over in silence.
// The reader streams: only one page, at most MaxArticleBytes, is held at a time.

const maxWARCHeader = 64 << 10 // bytes of header lines in one record

// readWARC reads the HTML pages of a WARC file.
func readWARC(src source, br *bufio.Reader, fn func(Item) error) error {
	n := 0
	for {
		line, err := warcLine(br)
		if err == io.EOF && line == "" {
			if n == 0 {
				return fn(Item{Where: src.where, Err: errors.New("no WARC record in the file")})
			}
			return nil
		}
		if err != nil {
			return fn(Item{Where: fmt.Sprintf("%s after record %d", src.where, n), Err: readErr(err)})
		}
		if line == "" {
			continue
		}
		n++
		where := fmt.Sprintf("%s record %d", src.where, n)
		if !strings.HasPrefix(line, "WARC/") {
			// Lost track of the records (a wrong Content-Length before, or junk): say so once and
			// look for the next record.
			if err := fn(Item{Where: where, Err: fmt.Errorf("not a WARC record (it starts %q); looking for the next record", clip(line, 40))}); err != nil {
				return err
			}
			if err := skipToRecord(br); err != nil {
				return nil
			}
			continue
		}
		h, err := warcHeaders(br)
		if err != nil {
			return fn(Item{Where: where, Err: err})
		}
		length, err := strconv.ParseInt(h["content-length"], 10, 64)
		if err != nil || length < 0 {
			if err := fn(Item{Where: where, Err: fmt.Errorf("bad Content-Length %q; looking for the next record", h["content-length"])}); err != nil {
				return err
			}
			if err := skipToRecord(br); err != nil {
				return nil
			}
			continue
		}
		target := strings.Trim(h["warc-target-uri"], "<> ")
		if target != "" {
			where += " (" + target + ")"
		}
		block := &io.LimitedReader{R: br, N: length}
		it, isArticle := warcRecord(h, block, target)
		if _, err := io.Copy(io.Discard, block); err != nil || block.N > 0 {
			it.Err = errors.New("truncated record: the file ends inside it")
			if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
				it.Err = readErr(err)
			}
			it.Where = where
			return fn(it)
		}
		if isArticle {
			it.Where = where
			if err := fn(it); err != nil {
				return err
			}
		}
	}
}

// warcRecord reads the article of one record, if it holds one.
func warcRecord(h map[string]string, block io.Reader, target string) (Item, bool) {
	typ := strings.ToLower(h["warc-type"])
	ct := h["content-type"]
	switch {
	case typ == "resource" && isHTMLType(ct):
		return pageItem(block, ct, target)
	case typ != "response" || !strings.HasPrefix(strings.ToLower(ct), "application/http"):
		return Item{}, false
	}
	resp, err := http.ReadResponse(bufio.NewReaderSize(block, 16<<10), nil)
	if err != nil {
		return Item{Err: fmt.Errorf("bad HTTP response in the record: %v", err)}, true
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !isHTMLType(resp.Header.Get("Content-Type")) {
		return Item{}, false
	}
	var body io.Reader = resp.Body
	switch enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(body)
		if err != nil {
			return Item{Err: fmt.Errorf("bad gzip content: %v", err)}, true
		}
		body = zr
	case "deflate":
		zr, err := zlib.NewReader(body)
		if err != nil {
			zr = flate.NewReader(body)
		}
		body = zr
	default:
		return Item{Err: fmt.Errorf("content encoding %q is not supported", enc)}, true
	}
	return pageItem(body, resp.Header.Get("Content-Type"), target)
}

func pageItem(body io.Reader, contentType, url string) (Item, bool) {
	data, more, err := limitedRead(body, MaxArticleBytes)
	switch {
	case err != nil:
		return Item{Err: readErr(err)}, true
	case more:
		return Item{Err: tooLarge("page", MaxArticleBytes)}, true
	}
	a, err := htmlArticle(data, contentType, url)
	return Item{Article: a, Err: err}, true
}

func isHTMLType(ct string) bool {
	mt, _, _ := mime.ParseMediaType(ct)
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// warcLine reads one line (without its end), at most maxWARCHeader bytes of it.
func warcLine(br *bufio.Reader) (string, error) {
	var b []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(b) < maxWARCHeader {
			b = append(b, chunk...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF && len(b) > 0 {
			err = nil
		}
		return strings.TrimRight(string(b), "\r\n"), err
	}
}

// warcHeaders reads the header lines of a record up to the empty line, names in lower case.
func warcHeaders(br *bufio.Reader) (map[string]string, error) {
	h := map[string]string{}
	size := 0
	for {
		line, err := warcLine(br)
		if err != nil {
			if err == io.EOF {
				return nil, errors.New("truncated record: the file ends in its header")
			}
			return nil, readErr(err)
		}
		if line == "" {
			return h, nil
		}
		if size += len(line); size > maxWARCHeader {
			return nil, errors.New("record header too long")
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			continue // a continuation line or junk: not needed
		}
		h[strings.ToLower(strings.TrimSpace(name))] = strings.TrimSpace(value)
	}
}

// skipToRecord reads up to the next line that starts a WARC record, and leaves it unread.
func skipToRecord(br *bufio.Reader) error {
	for {
		b, err := br.Peek(5)
		if err == nil && string(b) == "WARC/" {
			return nil
		}
		if _, err := warcLine(br); err != nil {
			return err
		}
	}
}

func clip(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}

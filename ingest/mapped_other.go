//go:build !linux

package ingest

// ReleaseMapped does nothing off Linux (see mapped_linux.go).
func ReleaseMapped(dir string, limit int64) {}

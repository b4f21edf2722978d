//go:build !linux

package parse

func hugeAlloc(n int, owner *table) []byte { return nil }

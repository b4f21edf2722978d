//go:build !unix

package store

import "os"

// lockDatabase does not lock on systems without flock: there a second
// opener waits for bolt's own lock, as with Cayley.
func lockDatabase(path string) (*os.File, error) { return nil, nil }

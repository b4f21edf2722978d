//go:build !unix

package lockfile

import "os"

// Take does not lock on systems without flock: there a second
// opener waits for bolt's own lock, as with Cayley.
func Take(path, boltFile string) (*os.File, error) { return nil, nil }

package ingest

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// ReleaseMapped drops from this process's resident memory the pages it has mapped from the
// files under dir, once the process holds more than limit bytes of mapped files (RssFile).
//
// bolt reads its database through a shared, read-only mmap of the file: every page a
// lookup touches stays resident, so the resident size of a load grows with the size of the
// database even though nothing of it is the load's own memory. Those pages are clean page
// cache: madvise(MADV_DONTNEED) on a shared file mapping only unmaps them here, and a later
// access maps them again from the page cache (or reads them from disk) with the same
// content. It must not run while the mapping can change: bolt remaps its file only when a
// write transaction grows it, so Load calls it (as Options.AfterWrite) from its writing
// goroutine between two writes.
func ReleaseMapped(dir string, limit int64) {
	if fileResident() <= limit {
		return
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return
	}
	maps, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		return
	}
	prefix := abs + string(filepath.Separator)
	for _, line := range bytes.Split(maps, []byte("\n")) {
		// 7f0c2a000000-7f0c4a000000 r--s 00000000 fd:01 1234   /path/db/indexes.bolt
		f := strings.Fields(string(line))
		if len(f) < 6 || !strings.HasPrefix(f[5], prefix) || !strings.Contains(f[1], "s") {
			continue // not one of the database's shared file mappings
		}
		lo, hi, ok := strings.Cut(f[0], "-")
		if !ok {
			continue
		}
		start, err1 := strconv.ParseUint(lo, 16, 64)
		end, err2 := strconv.ParseUint(hi, 16, 64)
		if err1 != nil || err2 != nil || end <= start {
			continue
		}
		syscall.Syscall(syscall.SYS_MADVISE, uintptr(start), uintptr(end-start), syscall.MADV_DONTNEED)
	}
}

// fileResident is the process's resident memory mapped from files, in bytes.
func fileResident() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "RssFile:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

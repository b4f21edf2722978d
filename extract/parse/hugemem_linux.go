package parse

import (
	"runtime"
	"syscall"
	"unsafe"
)

// hugeAlloc returns zeroed memory of n bytes for the weight table, backed by huge pages
// where the kernel allows them (transparent huge pages in "madvise" mode): scoring reads
// the table at random, and with 4 KB pages nearly every read also misses the TLB. The
// memory is unmapped when owner becomes unreachable. nil: use the Go heap.
func hugeAlloc(n int, owner *table) []byte {
	const huge = 2 << 20
	if n < huge {
		return nil
	}
	size := (n + huge - 1) / huge * huge
	mem, err := syscall.Mmap(-1, 0, size+huge, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		return nil
	}
	// Align to a huge page so that the whole table can be mapped with them.
	off := 0
	if r := int(uintptr(unsafe.Pointer(&mem[0])) % huge); r != 0 {
		off = huge - r
	}
	b := mem[off : off+size]
	_ = syscall.Madvise(b, 14) // MADV_HUGEPAGE; without it the table works as well, slower
	runtime.AddCleanup(owner, func(m []byte) { syscall.Munmap(m) }, mem)
	return b[:n:n]
}

// Package arch holds the test that keeps newsgraph's imports one-way: it checks every
// package's imports against the map in docs/architecture.md.
package arch

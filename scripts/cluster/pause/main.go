// pause is the local node's sandbox ("infra") container: it holds the pod's namespaces open,
// reaps orphaned children (it is PID 1 in the pod when the PID namespace is shared) and exits 0
// on SIGINT/SIGTERM. Built here because no image registry is reachable (see ../README.md).
package main

import (
	"os"
	"os/signal"
	"syscall"
)

func main() {
	sigs := make(chan os.Signal, 8)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGCHLD)
	for sig := range sigs {
		if sig != syscall.SIGCHLD {
			os.Exit(0)
		}
		// Reap every child that has exited; more than one may be behind a single SIGCHLD.
		for {
			var ws syscall.WaitStatus
			pid, err := syscall.Wait4(-1, &ws, syscall.WNOHANG, nil)
			if pid <= 0 || err != nil {
				break
			}
		}
	}
}

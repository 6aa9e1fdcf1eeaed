//go:build tools

// Package tools pins Toxiproxy's server for scripts/toxiproxy.sh (go build of its cmd/server).
package tools

import _ "github.com/Shopify/toxiproxy/v2/cmd/server"

// kubectl, built from k8s.io/kubectl at the version pinned in ../../go.mod.
// Mirrors upstream cmd/kubectl/kubectl.go (client-certificate auth only, so the
// exec/OIDC auth plugins are not linked in).
package main

import (
	"k8s.io/component-base/cli"
	"k8s.io/kubectl/pkg/cmd"
	"k8s.io/kubectl/pkg/cmd/util"
)

func main() {
	if err := cli.RunNoErrOutput(cmd.NewDefaultKubectlCommand()); err != nil {
		util.CheckErr(err)
	}
}

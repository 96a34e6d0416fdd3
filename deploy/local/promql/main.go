// promql-names parses every PromQL expression of Prometheus rule files (plain or a
// PrometheusRule, several YAML documents allowed) and Grafana dashboards (JSON): each value of a
// key "expr", at any depth. It prints the metric names they select, one per line, sorted.
//
//	promql-names FILE...                 exit 1 if an expression does not parse
//	promql-names --known NAMES FILE...   also exit 1 if an expression names a metric missing from
//	                                     NAMES (one metric name a line, as exposed: with _total,
//	                                     _bucket, ...)
//
// Grafana's interval variables ($__rate_interval, $__interval, $__range) are read as 5m before
// parsing; other dashboard variables are not supported and fail the parse.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/prometheus/prometheus/model/labels"
	"github.com/prometheus/prometheus/promql/parser"
	"gopkg.in/yaml.v3"
)

type expr struct {
	where string // file and the path of the key in it
	text  string
}

func main() {
	known := flag.String("known", "", "file of the metric names that exist, one a line")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: promql-names [--known NAMES] FILE...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	var exprs []expr
	for _, file := range flag.Args() {
		found, err := exprsOf(file)
		if err != nil {
			fmt.Fprintf(os.Stderr, "promql-names: %s: %v\n", file, err)
			os.Exit(1)
		}
		if len(found) == 0 {
			fmt.Fprintf(os.Stderr, "promql-names: %s: no expression found\n", file)
			os.Exit(1)
		}
		exprs = append(exprs, found...)
	}
	var exists map[string]bool
	if *known != "" {
		var err error
		if exists, err = readNames(*known); err != nil {
			fmt.Fprintf(os.Stderr, "promql-names: %v\n", err)
			os.Exit(1)
		}
	}
	failed := false
	used := map[string]bool{}
	for _, e := range exprs {
		names, err := metricNames(e.text)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: does not parse: %v\n  %s\n", e.where, err, e.text)
			failed = true
			continue
		}
		for _, n := range names {
			used[n] = true
			if exists != nil && !exists[n] {
				fmt.Fprintf(os.Stderr, "%s: no metric %q\n  %s\n", e.where, n, e.text)
				failed = true
			}
		}
	}
	sorted := make([]string, 0, len(used))
	for n := range used {
		sorted = append(sorted, n)
	}
	sort.Strings(sorted)
	for _, n := range sorted {
		fmt.Println(n)
	}
	if failed {
		os.Exit(1)
	}
}

// The default options: the functions and syntax a stock Prometheus accepts.
var promql = parser.NewParser(parser.Options{})

var grafanaIntervals = strings.NewReplacer("$__rate_interval", "5m", "$__interval", "5m", "$__range", "5m")

// metricNames parses text and returns the metric name of each vector selector, by name or by an
// equality matcher on __name__. A selector without either (e.g. {job="x"}) names no metric.
func metricNames(text string) ([]string, error) {
	ast, err := promql.ParseExpr(grafanaIntervals.Replace(text))
	if err != nil {
		return nil, err
	}
	var names []string
	parser.Inspect(ast, func(node parser.Node, _ []parser.Node) error {
		vs, ok := node.(*parser.VectorSelector)
		if !ok {
			return nil
		}
		if vs.Name != "" {
			names = append(names, vs.Name)
			return nil
		}
		for _, m := range vs.LabelMatchers {
			if m.Name == labels.MetricName && m.Type == labels.MatchEqual {
				names = append(names, m.Value)
			}
		}
		return nil
	})
	return names, nil
}

func exprsOf(file string) ([]expr, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var out []expr
	if strings.HasSuffix(file, ".json") {
		var doc any
		if err := json.Unmarshal(data, &doc); err != nil {
			return nil, err
		}
		collect(file, "", doc, &out)
		return out, nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for i := 0; ; i++ {
		var doc any
		if err := dec.Decode(&doc); errors.Is(err, io.EOF) {
			return out, nil
		} else if err != nil {
			return nil, err
		}
		collect(fmt.Sprintf("%s#%d", file, i), "", doc, &out)
	}
}

// collect appends every string under a key "expr" in v, naming where it was found.
func collect(file, path string, v any, out *[]expr) {
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if s, ok := v[k].(string); ok && k == "expr" {
				*out = append(*out, expr{where: file + ": " + path + "." + k + label(v), text: s})
				continue
			}
			collect(file, path+"."+k, v[k], out)
		}
	case []any:
		for i, item := range v {
			collect(file, fmt.Sprintf("%s[%d]", path, i), item, out)
		}
	}
}

// label names the rule or panel target an expression belongs to, when it has a name.
func label(m map[string]any) string {
	for _, k := range []string{"alert", "record", "legendFormat", "refId"} {
		if s, ok := m[k].(string); ok && s != "" {
			return fmt.Sprintf(" (%s %s)", k, s)
		}
	}
	return ""
}

func readNames(file string) (map[string]bool, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	names := map[string]bool{}
	s := bufio.NewScanner(f)
	for s.Scan() {
		if line := strings.TrimSpace(s.Text()); line != "" {
			names[line] = true
		}
	}
	if err := s.Err(); err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: no metric names", file)
	}
	return names, nil
}

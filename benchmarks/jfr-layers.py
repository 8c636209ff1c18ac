#!/usr/bin/env python3
"""Where a client's CPU and allocation go, by layer, from a JFR recording of one PipelineBenchmark fork.

Usage: benchmarks/jfr-layers.py RECORDING.jfr BYTES_PER_EVENT
  BYTES_PER_EVENT: the fork's gc.alloc.rate.norm, to turn sampled allocation shares into bytes per event.
Each jdk.ExecutionSample / jdk.ObjectAllocationSample goes to the layer of the innermost frame that belongs to a
known layer (java.* and jdk.* frames are charged to their caller); JSSE work is split by whether the stack is inside
SSLEngine unwrap or wrap. Allocation samples are weighted by their 'weight' (bytes since the thread's last sample),
so the split is statistical and the total is the fork's exact figure. See docs/benchmarks.md, "Where TLS time goes".
"""
import json, subprocess, sys, collections

def events(path, kind):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "96", "--events", kind, path],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)["recording"]["events"]

def frames(ev):
    st = ev["values"].get("stackTrace")
    if not st: return []
    out = []
    for f in st["frames"]:
        m = f["method"]
        out.append((m["type"]["name"] + "." + m["name"]).replace("/", "."))
    return out  # leaf first

def category(fs):
    whole = " ".join(fs)
    for f in fs:
        if f.startswith(("jdk.jfr.", "jdk.internal.event")): return "JFR"
        if f.startswith(("sun.security.", "com.sun.crypto.", "javax.crypto.", "javax.net.ssl.")):
            if "SSLEngineImpl.unwrap" in whole or "SSLEngineImpl.readRecord" in whole: return "JSSE unwrap (record decrypt, AES-GCM)"
            if "SSLEngineImpl.wrap" in whole or "SSLEngineImpl.writeRecord" in whole: return "JSSE wrap"
            return "JSSE other (handshake, context)"
        if f.startswith("org.conscrypt."): return "Conscrypt (Java side)"
        if f.startswith("org.apache.hc.core5.reactor.ssl."): return "HttpCore SSLIOSession"
        if f.startswith("org.apache.hc.core5.http2."): return "HttpCore HTTP/2"
        if f.startswith("org.apache.hc."): return "HttpCore/HttpClient other"
        if f.startswith("tools.jackson."): return "Jackson"
        if f.startswith(("dev.rill.benchmarks.", "org.openjdk.jmh.")): return "harness/floor code"
        if f.startswith("dev.rill."): return "Rill"
    return "JDK/other"

def site(fs):
    # the leaf frame and the first frame outside java.*/jdk.*/sun.nio
    leaf = fs[0] if fs else "?"
    owner = next((f for f in fs if not f.startswith(("java.", "jdk.", "sun.nio."))), "?")
    return owner if owner == leaf else owner + " > " + leaf

def main(path, norm):
    cpu = collections.Counter()
    for e in events(path, "jdk.ExecutionSample"):
        cpu[category(frames(e))] += 1
    alloc = collections.Counter(); sites = collections.Counter()
    for e in events(path, "jdk.ObjectAllocationSample"):
        fs = frames(e); w = e["values"]["weight"]; c = category(fs)
        if c == "JFR": continue
        alloc[c] += w
        cls = e["values"]["objectClass"]["name"].replace("/", ".")
        sites[(cls, site(fs))] += w
    cpu.pop("JFR", None)
    tc = sum(cpu.values()); ta = sum(alloc.values())
    print(f"{path}: {tc} CPU samples, B/event {norm}")
    cats = sorted(set(cpu) | set(alloc), key=lambda k: -cpu[k])
    for k in cats:
        print(f"  {k:42s} CPU {100*cpu[k]/tc:5.1f}%   alloc {100*alloc[k]/ta:5.1f}% = {norm*alloc[k]/ta:7.0f} B/event")
    print("  top allocation sites:")
    for (cls, s), w in sites.most_common(8):
        print(f"    {norm*w/ta:7.0f} B/event  {cls}  @ {s}")

main(sys.argv[1], float(sys.argv[2]))

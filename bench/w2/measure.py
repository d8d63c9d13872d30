"""Runs a command and prints its peak resident memory: "peak_rss_bytes N".
usage: measure.py CMD ARGS..."""
import resource
import subprocess
import sys

out = subprocess.run(sys.argv[1:], check=True, capture_output=True, text=True)
sys.stdout.write(out.stdout)
sys.stderr.write(out.stderr)
print(f"peak_rss_bytes {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024}")

"""`gjj-dash serve` starts fast: the command line imports no heavy library before it hands over to Streamlit."""

from __future__ import annotations

import subprocess
import sys


def test_cli_import_pulls_in_no_pandas_plotly_or_streamlit() -> None:
    """Importing gjj_dash.cli (what `gjj-dash serve` runs before exec'ing Streamlit) loads none of them."""
    code = "import sys, gjj_dash.cli; print(sorted({'pandas', 'plotly', 'streamlit', 'openpyxl'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]", f"gjj_dash.cli imports {out} at start-up: import it inside the subcommand that needs it"

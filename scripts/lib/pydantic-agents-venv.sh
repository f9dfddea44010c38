# Shared by capture-agent-fixtures.sh and interop-agents.sh: the venv emit_pydantic_agents.py runs in.
# Source with `root` and `python` set, then call `pydantic_agents_venv`; it sets `agents_python`.
# The fixtures in Tests/Fixtures/agents-pydantic.* were captured with exactly these versions:
# change a pin, rerun scripts/capture-agent-fixtures.sh and commit both.
pydantic_agents_pins=(
    pydantic-ai-slim==2.78.0
    opentelemetry-sdk==1.45.2
    opentelemetry-exporter-otlp-proto-http==1.45.1
    opentelemetry-exporter-otlp-json-file==0.66b1
)

pydantic_agents_venv() {
    local venv="$root/.venv/agents-pydantic"
    if [[ ! -x "$venv/bin/python" ]]; then
        echo "creating $venv"
        "$python" -m venv "$venv"
    fi
    # A venv made with other pins (an older checkout) is brought to these.
    if [[ "$(cat "$venv/.pins" 2>/dev/null)" != "${pydantic_agents_pins[*]}" ]]; then
        "$venv/bin/pip" install --quiet --disable-pip-version-check "${pydantic_agents_pins[@]}"
        echo "${pydantic_agents_pins[*]}" >"$venv/.pins"
    fi
    agents_python="$venv/bin/python"
}

#!/usr/bin/env bash
# Runs action.yml's shell steps locally, as the runner would: each `run:` step of the composite
# action in order, with GITHUB_ACTION_PATH, GITHUB_WORKSPACE, GITHUB_OUTPUT and RUNNER_TEMP set,
# `${{ inputs.* }}` from the inputs given here (else action.yml's defaults) and
# `${{ steps.ID.outputs.* }}` from what earlier steps wrote to GITHUB_OUTPUT. `uses:` steps
# (actions/cache, upload-sarif) cannot run here; the check confirms that what they would be given
# exists. Then it checks what a user's job would see.
# Usage: Scripts/action-check.sh   (needs python3 with PyYAML; builds claimlint in release)
set -euo pipefail
repository=$(cd "$(dirname "$0")/.." && pwd)
python3 -c "import yaml" 2>/dev/null || python3 -m pip install -q pyyaml
work=$(mktemp -d "${TMPDIR:-/tmp}/claimlint-action.XXXXXX")
trap 'rm -rf "$work"' EXIT

# A user's repository: some pages with findings, a draft to exclude.
mkdir -p "$work/workspace/content/drafts" "$work/runner"
cp "$repository"/Samples/*.md "$work/workspace/content/"
cp "$repository/Samples/med-spa.md" "$work/workspace/content/drafts/old.md"

run_action() {  # run_action EXPECTED-STATUS name=value ...   (inputs)
  python3 - "$repository" "$work" "$@" <<'PY'
import os, re, subprocess, sys, yaml
repository, work, expected = sys.argv[1], sys.argv[2], int(sys.argv[3])
given = dict(argument.split("=", 1) for argument in sys.argv[4:])
action = yaml.safe_load(open(os.path.join(repository, "action.yml")))
unknown = set(given) - set(action["inputs"])
assert not unknown, f"not inputs of action.yml: {unknown}"
inputs = {name: given.get(name, str(spec.get("default", ""))) for name, spec in action["inputs"].items()}
outputs = {}  # step id -> {name: value}

def expand(text):
    def value(match):
        expression = match.group(1).strip()
        if expression.startswith("inputs."):
            return inputs[expression[len("inputs."):]]
        if expression == "github.action_path":
            return repository
        found = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression)
        if found:
            return outputs.get(found.group(1), {}).get(found.group(2), "")
        raise SystemExit(f"action-check: cannot evaluate ${{{{ {expression} }}}}")
    return re.sub(r"\$\{\{(.*?)\}\}", value, str(text))

def condition(text, failed):
    """A step's `if:` as the runner reads it, for the forms action.yml uses: always(), success(),
    failure(), inputs.X and steps.ID.outputs.X, string literals, ==, !=, &&, ||, !."""
    if not text:
        return not failed  # no `if:` means success()
    expression = str(text)
    expression = re.sub(r"steps\.([\w-]+)\.outputs\.([\w-]+)", lambda m: repr(outputs.get(m.group(1), {}).get(m.group(2), "")), expression)
    expression = re.sub(r"inputs\.([\w-]+)", lambda m: repr(inputs[m.group(1)]), expression)
    expression = expression.replace("always()", "True").replace("success()", str(not failed)).replace("failure()", str(failed))
    expression = expression.replace("&&", " and ").replace("||", " or ").replace("!=", " __NE__ ").replace("!", " not ").replace(" __NE__ ", " != ")
    return bool(eval(expression, {"__builtins__": {}}))

status = None
for step in action["runs"]["steps"]:
    name = step.get("name", step.get("uses"))
    if not condition(step.get("if"), status is not None):
        print(f"action-check: not run (if: {step.get('if', 'success()')}): {name}", file=sys.stderr)
        continue
    if "uses" in step:
        given_to = {key: expand(value) for key, value in step.get("with", {}).items()}
        print(f"action-check: skipped (uses {step['uses']}): {name}: {given_to}", file=sys.stderr)
        if "upload-sarif" in step["uses"]:
            if inputs["upload-sarif"] == "true" and given_to["sarif_file"]:
                path = os.path.join(work, "workspace", given_to["sarif_file"])
                assert os.path.isfile(path), f"upload-sarif would be given {path}, which does not exist"
                outputs["upload"] = {"sarif_file": given_to["sarif_file"]}
        continue
    assert step.get("shell") == "bash", f"{name}: composite run steps must say shell: bash"
    output_file = os.path.join(work, "runner", f"output-{step.get('id', 'none')}")
    open(output_file, "w").close()
    environment = dict(os.environ)
    environment.update({
        "GITHUB_ACTION_PATH": repository, "GITHUB_WORKSPACE": os.path.join(work, "workspace"),
        "GITHUB_OUTPUT": output_file, "RUNNER_TEMP": os.path.join(work, "runner"),
    })
    environment.update({key: expand(value) for key, value in step.get("env", {}).items()})
    # The runner runs a bash step as `bash --noprofile --norc -eo pipefail FILE`, in the workspace.
    script = os.path.join(work, "runner", "step.sh")
    open(script, "w").write(expand(step["run"]))
    result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", script], env=environment,
                            cwd=os.path.join(work, "workspace"), capture_output=True, text=True)
    sys.stdout.write(result.stdout)
    lines = [line for line in open(output_file).read().splitlines() if "=" in line]
    outputs[step.get("id", "")] = dict(line.split("=", 1) for line in lines)
    print(f"action-check: {name}: exit {result.returncode}", file=sys.stderr)
    if result.returncode != 0:
        sys.stderr.write(result.stderr[-2000:])
        status = result.returncode
        if step.get("id") != "check":
            raise SystemExit(f"action-check: step {name} failed")
status = status or 0
assert status == expected, f"expected the action to exit {expected}, it exited {status}"
check = outputs.get("check", {})
assert check.get("exit-code") == str(expected), f"exit-code output {check.get('exit-code')!r}, expected {expected}"
if inputs["sarif"]:
    assert check.get("sarif") == inputs["sarif"], f"sarif output {check.get('sarif')!r}"
    if inputs["upload-sarif"] == "true":
        assert outputs.get("upload", {}).get("sarif_file") == inputs["sarif"], "upload-sarif would not be given the report"
else:
    assert "sarif" not in check and "upload" not in outputs, "no SARIF asked for, but one would be uploaded"
key = outputs.get("key", {}).get("key", "")
assert re.fullmatch(r"claimlint-build-\S+-[0-9a-f]{32}", key), f"bad cache key {key!r}"
PY
}

echo "--- defaults (paths .): annotations on the pull request, SARIF written and uploaded, exit 1 on findings"
run_action 1 > "$work/default.log"
grep -q '^::error file=content/stem-cell-center.md,line=' "$work/default.log" || { echo "no annotation in the github format"; exit 1; }
[ -f "$work/workspace/claimlint.sarif" ] || { echo "no claimlint.sarif"; exit 1; }
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['runs'][0]['results']" "$work/workspace/claimlint.sarif"

echo "--- paths, fail-on never, no SARIF, extra args (--exclude): exit 0, nothing to upload"
run_action 0 "paths=content/stem-cell-center.md
content" fail-on=never sarif= format=text "args=--exclude drafts/**" > "$work/never.log" 2>&1 || { cat "$work/never.log"; exit 1; }
grep -q '^6 files linted' "$work/never.log" || { echo "expected the six pages linted once each, the draft excluded"; cat "$work/never.log"; exit 1; }

echo "--- rules and no-config: a rules file of one rule, exit 1 from it alone"
cat > "$work/workspace/house.yml" <<'YML'
version: 1
rules:
  - id: house-miracle
    kind: claim
    category: efficacy
    severity: error
    message: Our style guide bans "miracle".
    fix: Describe what the treatment does.
    source: https://www.ftc.gov/business-guidance/resources/health-products-compliance-guidance
    phrases: [miracle]
    citation: none
    examples:
      trigger: ["A miracle for your skin."]
      pass: ["A facial for your skin."]
YML
printf 'A miracle for your skin.\n' > "$work/workspace/content/house.md"
run_action 1 paths=content/house.md rules=house.yml no-config=true upload-sarif=false format=text > "$work/rules.log" 2>&1 || { cat "$work/rules.log"; exit 1; }
grep -q '\[house-miracle\]' "$work/rules.log" || { echo "the rules input was not used"; cat "$work/rules.log"; exit 1; }

echo "--- a bad rules file: exit 2, named"
printf 'version: 1\nrules: 3\n' > "$work/workspace/bad.yml"
run_action 2 rules=bad.yml upload-sarif=false > "$work/bad.log" 2>&1 || { cat "$work/bad.log"; exit 1; }
grep -q 'claimlint: error: bad.yml' "$work/bad.log" || { echo "the bad rules file was not named"; cat "$work/bad.log"; exit 1; }
echo "--- action ok"

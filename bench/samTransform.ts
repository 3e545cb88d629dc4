// The SAM transform on 1,000-line templates (issue #8's budget: < 50 ms), beside peers measured in the same run:
// - parsing the same text (the `yaml` package's parse, and ours with CloudFormation tags): the floor any tool that
//   reads the template pays;
// - AWS's own translator (Python samtranslator, when python3 can import it) timing its translate() of the same
//   JSON in its own process, so interpreter start-up is not counted.
// Two templates: the language engine's generated one (functions with aliases, policy templates, SQS events) and an
// API-heavy one (implicit REST and HTTP APIs with generated OpenAPI, schedules, SNS, gradual deployments).
// Run: npm run bench:transform   (BENCH_RUNS=N to change the sample size)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { withLocalArtifactPlaceholders } from '../src/core/sam/localArtifacts';
import { transformTemplateText } from '../src/core/sam/transformedTemplate';
import { transformSamTemplate } from '../src/core/sam/transformSamTemplate';
import { templateTextToJson, type JsonObject } from '../src/core/template/templateJson';
import { generateSamTemplate } from '../test/support/generateSamTemplate';
import { generateApiTemplate } from './samTransformWorkload';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 30);
const WARMUP = 10;

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function measure(action: () => void): number {
  for (let run = 0; run < WARMUP; run++) action();
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    action();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

const TRANSLATOR_SCRIPT = `
import copy, json, statistics, sys, time
from samtranslator.parser.parser import Parser
from samtranslator.translator.translator import Translator
template = json.load(open(sys.argv[1]))
runs, warmup = int(sys.argv[2]), int(sys.argv[3])
policies = lambda: {"AWSLambdaBasicExecutionRole": "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                    "AWSLambdaSQSQueueExecutionRole": "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole",
                    "AWSLambdaRole": "arn:aws:iam::aws:policy/service-role/AWSLambdaRole"}
samples = []
for run in range(warmup + runs):
    # The translator changes its input: each run gets a fresh copy, made before the clock starts.
    fresh = copy.deepcopy(template)
    started = time.perf_counter()
    Translator(None, Parser()).translate(fresh, {}, get_managed_policy_map=policies)
    if run >= warmup: samples.append((time.perf_counter() - started) * 1000)
print(json.dumps({"median": statistics.median(samples)}))
`;

/** AWS's translator on the same JSON, or why it could not run. */
function measureTranslator(template: JsonObject): { ms: number } | { skipped: string } {
  const folder = mkdtempSync(join(tmpdir(), 'sw-bench-transform-'));
  try {
    const input = join(folder, 'template.json');
    writeFileSync(input, JSON.stringify(template));
    const result = spawnSync('python3', ['-c', TRANSLATOR_SCRIPT, input, String(RUNS), String(WARMUP)], {
      encoding: 'utf8',
      env: { ...process.env, AWS_DEFAULT_REGION: 'us-east-1' },
    });
    if (result.status !== 0) {
      const reason = (result.stderr || String(result.error)).trim().split('\n').at(-1) ?? 'failed';
      return { skipped: reason };
    }
    return { ms: (JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { median: number }).median };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function row(label: string, ms: number, peer?: number): void {
  const ratio = peer ? `  ${(ms / peer).toFixed(2)}x` : '';
  console.log(`  ${label.padEnd(58)} ${ms.toFixed(2).padStart(8)} ms${ratio}`);
}

const workloads = [
  { name: 'generated (functions, aliases, policies, SQS)', text: generateSamTemplate({ lines: 1000 }) },
  { name: 'API-heavy (REST + HTTP APIs, schedules, SNS, canaries)', text: generateApiTemplate(1000) },
];

console.log(`SAM transform, medians of ${RUNS} runs after ${WARMUP} unrecorded (ratios: to the yaml parse)`);
for (const workload of workloads) {
  const lines = workload.text.split('\n').length;
  const json = templateTextToJson(workload.text).json;
  const prepared = withLocalArtifactPlaceholders(json!).template as JsonObject;
  const output = transformSamTemplate(prepared);
  const generated = Object.keys(output.Resources as JsonObject).length;
  console.log(`\n${workload.name}: ${lines} lines, ${generated} CloudFormation resources after the transform`);

  const yamlParse = measure(() => void parseYaml(workload.text, { logLevel: 'silent' }));
  const ourParse = measure(() => templateTextToJson(workload.text));
  const transform = measure(() => transformSamTemplate(prepared));
  const textToText = measure(() => transformTemplateText(workload.text));
  const translator = measureTranslator(prepared);

  row('peer: yaml.parse of the text', yamlParse, yamlParse);
  row('peer: our parse with CloudFormation tags', ourParse, yamlParse);
  row('transformSamTemplate (JSON in, JSON out; budget 50 ms)', transform, yamlParse);
  row('text to text (parse, placeholders, transform, write YAML)', textToText, yamlParse);
  if ('ms' in translator) {
    row("peer: AWS's translator (Python samtranslator), same JSON", translator.ms, yamlParse);
    console.log(`  ours / AWS's translator: ${(transform / translator.ms).toFixed(3)}`);
  } else {
    console.log(`  AWS's translator skipped: ${translator.skipped}`);
  }
}

import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { COMMAND_IDS } from '../../../src/platform/commandIds';
import { repoRoot } from '../../support/paths';

interface Manifest {
  bin: Record<string, string>;
  engines: { vscode: string };
  activationEvents: string[];
  main: string;
  devDependencies: Record<string, string>;
  capabilities: { untrustedWorkspaces: { supported: unknown } };
  contributes: {
    commands: { command: string }[];
    menus: { commandPalette: { command: string; when: string }[]; 'editor/title': { command: string; when: string }[] };
    views: Record<string, { id: string }[]>;
    configuration: { properties: Record<string, unknown> };
    walkthroughs: {
      id: string;
      steps: { id: string; description: string; media: { markdown?: string }; completionEvents?: string[] }[];
    }[];
  };
}

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Manifest;

describe('package.json manifest', () => {
  it('has no key twice in one object (JSON.parse keeps the last one: the first menu group would be lost)', () => {
    // JSON is YAML, and the YAML parser reports duplicate keys where JSON.parse silently drops them.
    const document = parseDocument(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    assert.deepEqual(
      document.errors.map((error) => error.message),
      [],
    );
  });

  it("puts Deploy and Show Transformed Template in a template editor's title bar", () => {
    const titleBar = manifest.contributes.menus['editor/title'].map((entry) => entry.command);
    assert.ok(titleBar.includes(COMMAND_IDS.deployStart), titleBar.join(', '));
    assert.ok(titleBar.includes(COMMAND_IDS.templateShowTransformed), titleBar.join(', '));
  });

  it('contributes exactly the commands of the command table', () => {
    const contributed = manifest.contributes.commands.map((command) => command.command).sort();
    assert.deepEqual(contributed, Object.values(COMMAND_IDS).sort());
    for (const id of contributed) assert.match(id, /^serverlessWorkbench\.([a-z][A-Za-z]*\.)?[a-z][A-Za-z]*$/);
  });

  it('hides tree-only commands from the palette', () => {
    const hidden = manifest.contributes.menus.commandPalette.filter((entry) => entry.when === 'false');
    assert.ok(hidden.some((entry) => entry.command === COMMAND_IDS.explorerOpenResource));
  });

  it('activates lazily, never on *', () => {
    assert.ok(!manifest.activationEvents.includes('*'));
    assert.ok(!manifest.activationEvents.includes('onStartupFinished'));
    assert.ok(manifest.activationEvents.some((event) => event.startsWith('workspaceContains:')));
  });

  it('targets the VS Code version its typings describe', () => {
    const typesVersion = manifest.devDependencies['@types/vscode']!.replace(/^[\^~]/, '');
    assert.equal(manifest.engines.vscode, `^${typesVersion}`);
  });

  it('declares the explorer and log tail views and untrusted-workspace support', () => {
    const views = Object.values(manifest.contributes.views)
      .flat()
      .map((view) => view.id);
    assert.deepEqual(views.sort(), ['serverlessWorkbench.explorer', 'serverlessWorkbench.logTail']);
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  });

  it('installs the command line as serverless-workbench, from the bundled CLI', () => {
    assert.deepEqual(manifest.bin, { 'serverless-workbench': './dist/cli.js' });
    assert.match(readFileSync(join(repoRoot, 'src', 'cli.ts'), 'utf8'), /^#!\/usr\/bin\/env node\n/);
  });

  it('names every setting under serverlessWorkbench.*', () => {
    for (const key of Object.keys(manifest.contributes.configuration.properties)) {
      assert.match(key, /^serverlessWorkbench\./);
    }
  });

  it('contributes the Getting Started walkthrough, whose buttons all run contributed commands', () => {
    const [walkthrough] = manifest.contributes.walkthroughs;
    assert.equal(walkthrough?.id, 'gettingStarted', 'the id registerGettingStarted opens');
    const contributed = new Set(manifest.contributes.commands.map((command) => command.command));
    const linked: string[] = [];
    for (const step of walkthrough.steps) {
      const buttons = [...step.description.matchAll(/\]\(command:([\w.]+)(?:\?[^)]*)?\)/g)].map((match) => match[1]!);
      assert.ok(buttons.length > 0, `step ${step.id} has a button`);
      linked.push(...buttons);
      for (const event of step.completionEvents ?? []) {
        if (event.startsWith('onCommand:')) linked.push(event.slice('onCommand:'.length));
      }
      assert.ok(step.media.markdown && existsSync(join(repoRoot, step.media.markdown)), `step ${step.id}'s media`);
    }
    // A button must never point at a command that does not exist (deploy joins when its command does).
    assert.deepEqual(
      linked.filter((command) => !contributed.has(command)),
      [],
    );
    assert.deepEqual(
      walkthrough.steps.map((step) => step.id),
      ['open', 'invoke', 'debug', 'localCloud', 'logs'],
    );
  });
});

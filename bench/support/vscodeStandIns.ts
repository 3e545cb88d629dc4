// Stand-ins for the `vscode` module, for benches that run the extension's code in plain Node (the editor adds its
// own fixed cost, which they do not measure).
import Module from 'node:module';

// A stand-in for every part of the `vscode` API: any property is a function that is also a class, returning another
// stand-in; so activate() runs its real code path without an editor. Only the cost of our own code is measured.
export const vscodeStub = `
const Module = require('module');
const member = (property) => (property === 'then' ? undefined : property === Symbol.toPrimitive ? () => 0 : standIn());
// esbuild's ESM interop copies the module onto an object whose prototype is the module's prototype: make that a
// stand-in too, so \`vscode.window\` resolves through it.
const prototypeStandIn = new Proxy({}, { get: (_target, property) => member(property) });
function standIn() {
  return new Proxy(function () {}, {
    get: (_target, property) => member(property),
    getPrototypeOf: () => prototypeStandIn,
    set: () => true,
    apply: () => standIn(),
    construct: () => standIn(),
  });
}
const vscodeStub = standIn();
const originalLoad = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? vscodeStub : originalLoad.call(this, request, ...rest); };
`;

/**
 * A stand-in with the few classes the Deployed tree's nodes build (TreeItem, ThemeIcon, ThemeColor, MarkdownString),
 * installed for `require('vscode')` in this process, so the nodes' own code runs as it does in the editor.
 */
export function installTreeStandIn(): void {
  class TreeItem {
    description?: string;
    tooltip?: unknown;
    iconPath?: unknown;
    contextValue?: string;
    command?: unknown;
    constructor(
      readonly label: string,
      readonly collapsibleState: number,
    ) {}
  }
  class ThemeIcon {
    constructor(
      readonly id: string,
      readonly color?: unknown,
    ) {}
  }
  class ThemeColor {
    constructor(readonly id: string) {}
  }
  class MarkdownString {
    value = '';
    appendText(text: string): this {
      this.value += text;
      return this;
    }
  }
  const standIn = {
    TreeItem,
    ThemeIcon,
    ThemeColor,
    MarkdownString,
    TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  };
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const originalLoad = loader._load;
  loader._load = function (this: unknown, request: string, ...rest: unknown[]) {
    return request === 'vscode' ? standIn : originalLoad.call(this, request, ...rest);
  };
}

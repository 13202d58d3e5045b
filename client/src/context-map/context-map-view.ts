import * as vscode from "vscode";
import {
  CONTEXT_MAP_CHANGED_NOTIFICATION,
  CONTEXT_MAP_REQUEST,
  type ContextMapResult,
  type MapLocation,
} from "../../../server/src/shared/protocol";
import { buildTree, type MapNode, type NodeIcon } from "./tree-model";

/** The view's id in `package.json` `contributes.views`. */
export const CONTEXT_MAP_VIEW = "kmsContextGuard.contextMap";

/** The part of the language client the map uses. */
export interface MapClient {
  sendRequest<R>(method: string, param: unknown): Promise<R>;
  onNotification(method: string, handler: () => void): vscode.Disposable;
}

const ICONS: Record<NodeIcon, vscode.ThemeIcon> = {
  key: new vscode.ThemeIcon("key"),
  encrypt: new vscode.ThemeIcon("lock"),
  decrypt: new vscode.ThemeIcon("unlock"),
  statement: new vscode.ThemeIcon("shield"),
  info: new vscode.ThemeIcon("info"),
  warning: new vscode.ThemeIcon("warning", new vscode.ThemeColor("problemsWarningIcon.foreground")),
  error: new vscode.ThemeIcon("error", new vscode.ThemeColor("problemsErrorIcon.foreground")),
};

function openCommand(location: MapLocation): vscode.Command {
  const { start, end } = location.range;
  return {
    title: "Open",
    command: "vscode.open",
    arguments: [
      vscode.Uri.parse(location.uri),
      {
        selection: new vscode.Range(start.line, start.character, end.line, end.character),
      } satisfies vscode.TextDocumentShowOptions,
    ],
  };
}

/** Feeds the tree view from the server's map; refreshes when the server says it changed. */
class ContextMapProvider implements vscode.TreeDataProvider<MapNode> {
  private readonly changed = new vscode.EventEmitter<MapNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: MapNode[] = [];
  private shownJson: string | undefined;
  /** The text shown above the tree (why it is empty, or that indexing runs). */
  message: string | undefined;

  constructor(private readonly view: () => vscode.TreeView<MapNode> | undefined) {}

  /**
   * Shows a map. An identical map is not shown again: the server announces every index change,
   * and re-rendering a tree while the editor still expands the previous one loses rows.
   */
  show(map: ContextMapResult | undefined): void {
    const json = JSON.stringify(map);
    if (json === this.shownJson) {
      return;
    }
    this.shownJson = json;
    const tree = buildTree(map);
    this.roots = tree.roots;
    this.message = tree.message;
    const view = this.view();
    if (view) {
      view.message = tree.message;
      this.changed.fire(undefined);
    }
  }

  getChildren(node?: MapNode): MapNode[] {
    return node ? node.children : this.roots;
  }

  getTreeItem(node: MapNode): vscode.TreeItem {
    const state =
      node.children.length === 0
        ? vscode.TreeItemCollapsibleState.None
        : node.expanded
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(node.label, state);
    item.id = node.id;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.iconPath = ICONS[node.icon];
    item.command = node.location ? openCommand(node.location) : undefined;
    return item;
  }
}

/**
 * Registers "KMS: Show Encryption Context Map", its refresh button and the tree view in the
 * Explorer. The view appears once the command has run, and then follows the index.
 */
export function registerContextMap(getClient: () => MapClient | undefined): vscode.Disposable {
  let view: vscode.TreeView<MapNode> | undefined;
  const provider = new ContextMapProvider(() => view);
  let shown = false;
  let listening: vscode.Disposable | undefined;

  // One request at a time; a change announced meanwhile asks once more when it is done.
  let running: Promise<void> | undefined;
  let again = false;
  const fetchAndShow = async (client: MapClient): Promise<void> => {
    try {
      provider.show(await client.sendRequest<ContextMapResult>(CONTEXT_MAP_REQUEST, {}));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      void vscode.window.showErrorMessage(`The encryption context map failed: ${reason}`);
    }
  };
  const refresh = async (): Promise<void> => {
    const client = getClient();
    if (!client) {
      void vscode.window.showWarningMessage("KMS Context Guard's language server is not running.");
      return;
    }
    if (!listening) {
      listening = client.onNotification(CONTEXT_MAP_CHANGED_NOTIFICATION, () => {
        if (shown && view?.visible) {
          void refresh();
        }
      });
    }
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await fetchAndShow(client);
      } while (again);
    })();
    try {
      await running;
    } finally {
      running = undefined;
    }
  };

  return vscode.Disposable.from(
    vscode.commands.registerCommand("kmsContextGuard.showContextMap", async () => {
      // The view is created once the first map is in, so its first render already has the
      // data: refreshing a tree while the editor is still expanding it drops rows.
      await refresh();
      if (!view) {
        view = vscode.window.createTreeView(CONTEXT_MAP_VIEW, {
          treeDataProvider: provider,
          showCollapseAll: true,
        });
        view.message = provider.message;
      }
      shown = true;
      await vscode.commands.executeCommand("setContext", "kmsContextGuard.contextMapShown", true);
      await vscode.commands.executeCommand(`${CONTEXT_MAP_VIEW}.focus`);
    }),
    vscode.commands.registerCommand("kmsContextGuard.refreshContextMap", refresh),
    { dispose: () => listening?.dispose() },
    { dispose: () => view?.dispose() },
  );
}

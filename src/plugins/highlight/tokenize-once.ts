import { EncodedTokenMetadata, type StateStack } from 'shiki/textmate';

/**
 * Highlighting in two themes (light and dark) with one tokenization.
 *
 * Shiki colours a block for several themes by tokenizing it once per theme (vscode-textmate bakes the
 * theme's colours into each token as it goes), so our two themes doubled the cost of the most
 * expensive step of a build: about 2.4 ms a block instead of 1.2 (docs/performance.md). Yet the
 * grammar's work, which scopes each piece of text gets, does not depend on the theme at all.
 *
 * This wraps a grammar so that Shiki's calls for the second theme are answered from the first pass:
 * each line is tokenized once into scopes (`tokenizeLine`), and the colours of whichever theme is
 * current are worked out from the scopes the way vscode-textmate does it while tokenizing (each scope
 * of the stack pushed in turn, its theme match merged into the attributes inherited from its parent),
 * then marked and joined when equal, as `tokenizeLine2` does (LineTokens). The output is the
 * same, token for token and bit for bit: tests/unit/tokenize-once.test.ts compares it with the real
 * `tokenizeLine2` for every theme on the notebook's code and on other languages.
 *
 * Make one per block: it remembers the block's lines until it is dropped (token attributes are
 * remembered per grammar, below).
 */

/** The parts of a vscode-textmate grammar used here. */
export interface TokenizingGrammar {
  tokenizeLine(line: string, state: StateStack | null, timeLimit?: number): { tokens: ReadonlyArray<{ startIndex: number; scopes: string[] }>; ruleStack: StateStack; stoppedEarly: boolean };
  tokenizeLine2(line: string, state: StateStack | null, timeLimit?: number): { tokens: Uint32Array; ruleStack: StateStack; stoppedEarly: boolean };
  getMetadataForScope(scope: string): { languageId: number; tokenType: number };
  readonly themeProvider: {
    themeMatch(path: ScopePath): { fontStyle: number; foregroundId: number; backgroundId: number } | null;
    getDefaults(): { fontStyle: number; foregroundId: number; backgroundId: number };
  };
}

/** What vscode-textmate's theme matching reads of a scope stack (its own ScopeStack class is not exported). */
interface ScopePath {
  readonly parent: ScopePath | null;
  readonly scopeName: string;
}

interface Line {
  readonly tokens: ReadonlyArray<{ startIndex: number; scopes: string[] }>;
  readonly ruleStack: StateStack;
}

const NOT_SET_TOKEN_TYPE = 8;
const NOT_SET_FONT_STYLE = -1;

/**
 * Attributes of a scope list under a theme (the theme's defaults object tells themes apart), kept for
 * the grammar's lifetime: they depend on the grammar, the theme and the scopes only, and the same few
 * hundred scope lists recur in every block of a language.
 */
const attributesByGrammar = new WeakMap<TokenizingGrammar, WeakMap<object, Map<string, number>>>();

export function tokenizeOnce<G extends TokenizingGrammar>(grammar: G): G {
  // Keyed by the state a line starts in and its text: within a block, the same line in the same state
  // is tokenized the same way, whatever the theme.
  const lines = new Map<StateStack | null, Map<string, Line>>();
  let attributes = attributesByGrammar.get(grammar);
  if (!attributes) attributesByGrammar.set(grammar, (attributes = new WeakMap()));
  const initialLanguage = initialLanguageId(grammar);
  const { overrides, brackets } = tokenMarks(grammar);

  const attributesOf = (scopes: readonly string[]): number => {
    const defaults = grammar.themeProvider.getDefaults();
    let byScopes = attributes.get(defaults);
    if (!byScopes) attributes.set(defaults, (byScopes = new Map()));
    const key = scopes.join('\n');
    let result = byScopes.get(key);
    if (result === undefined) {
      // As Grammar._tokenize starts a line from nothing, then AttributedScopeStack.createRootAndLookUpScopeName
      // and _pushAttributed push each scope.
      result = EncodedTokenMetadata.set(0, initialLanguage, NOT_SET_TOKEN_TYPE, null, defaults.fontStyle, defaults.foregroundId, defaults.backgroundId);
      let path: ScopePath | null = null;
      for (const scope of scopes) {
        path = { parent: path, scopeName: scope };
        const basic = grammar.getMetadataForScope(scope);
        const style = grammar.themeProvider.themeMatch(path);
        result = EncodedTokenMetadata.set(
          result,
          basic.languageId,
          basic.tokenType,
          null,
          style?.fontStyle ?? NOT_SET_FONT_STYLE,
          style?.foregroundId ?? 0,
          style?.backgroundId ?? 0,
        );
      }
      result = marked(result, scopes, overrides, brackets);
      byScopes.set(key, result);
    }
    return result;
  };

  const wrapped = Object.create(grammar) as G;
  wrapped.tokenizeLine2 = (text, state, timeLimit = 0) => {
    let byText = lines.get(state);
    if (!byText) lines.set(state, (byText = new Map()));
    let line = byText.get(text);
    if (!line) {
      const result = grammar.tokenizeLine(text, state, timeLimit);
      // A line cut short is not what the next theme would get; never reuse it.
      if (result.stoppedEarly) return grammar.tokenizeLine2(text, state, timeLimit);
      line = { tokens: result.tokens, ruleStack: result.ruleStack };
      byText.set(text, line);
    }
    const binary: number[] = [];
    for (const token of line.tokens) {
      const metadata = attributesOf(token.scopes);
      if (binary.length > 0 && binary[binary.length - 1] === metadata) continue;
      binary.push(token.startIndex, metadata);
    }
    return { tokens: Uint32Array.from(binary), ruleStack: line.ruleStack, stoppedEarly: false };
  };
  return wrapped;
}

interface TokenTypeOverride {
  matcher(scopes: readonly string[]): boolean;
  type: number;
}

interface BracketSelectors {
  readonly matchesAlways: boolean;
  readonly matchesNever: boolean;
  match(scopes: readonly string[]): boolean;
}

/** The grammar's token-type overrides and bracket selectors, which LineTokens applies to every token it emits. */
function tokenMarks(grammar: TokenizingGrammar): { overrides: readonly TokenTypeOverride[]; brackets: BracketSelectors | null } {
  const internals = grammar as unknown as { _tokenTypeMatchers?: TokenTypeOverride[]; balancedBracketSelectors?: BracketSelectors | null };
  return { overrides: internals._tokenTypeMatchers ?? [], brackets: internals.balancedBracketSelectors ?? null };
}

/** As LineTokens.produceFromScopes marks a binary token: forced token types, then whether it holds balanced brackets. */
function marked(metadata: number, scopes: readonly string[], overrides: readonly TokenTypeOverride[], brackets: BracketSelectors | null): number {
  let result = metadata;
  let balanced = brackets?.matchesAlways ?? false;
  if (overrides.length > 0 || (brackets && !brackets.matchesAlways && !brackets.matchesNever)) {
    for (const override of overrides) {
      if (override.matcher(scopes)) result = EncodedTokenMetadata.set(result, 0, override.type, null, NOT_SET_FONT_STYLE, 0, 0);
    }
    if (brackets) balanced = brackets.match(scopes);
  }
  return balanced ? EncodedTokenMetadata.set(result, 0, NOT_SET_TOKEN_TYPE, true, NOT_SET_FONT_STYLE, 0, 0) : result;
}

/**
 * The language id a line starts with before its root scope is looked up. vscode-textmate keeps it in
 * a private field; without it, tokens of the grammar's own language could differ in their language
 * bits (never in colour) from what tokenizeLine2 gives.
 */
function initialLanguageId(grammar: TokenizingGrammar): number {
  const provider = (grammar as unknown as { _basicScopeAttributesProvider?: { getDefaultAttributes?(): { languageId: number } } })._basicScopeAttributesProvider;
  return provider?.getDefaultAttributes?.().languageId ?? 0;
}

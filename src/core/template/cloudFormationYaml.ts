import { Composer, Lexer, Parser, parseDocument, type Document } from 'yaml';

// CloudFormation (like PyYAML) ignores indentation inside flow collections, so real templates write
//   VpcConfig: !If [UseVpc, {
//     SubnetIds: ...
//   }, !Ref AWS::NoValue]
// which the yaml package rejects ("Flow map in block collection must be sufficiently indented") and then
// loses the rest of the block. This lexer relaxes that one check: inside a flow collection, a line may be
// indented less than its block parent. The override relies on the lexer's internals; a unit test pins it.
interface LexerInternals {
  indentNext: number;
  flowLevel: number;
  parseFlowCollection: (this: LexerInternals) => Generator<string, string>;
}

class CloudFormationLexer extends Lexer {}

const baseParseFlowCollection = (Lexer.prototype as unknown as LexerInternals).parseFlowCollection;
(CloudFormationLexer.prototype as unknown as LexerInternals).parseFlowCollection = function* (
  this: LexerInternals,
): Generator<string, string> {
  if (this.flowLevel === 0) return yield* baseParseFlowCollection.call(this);
  const blockIndent = this.indentNext;
  this.indentNext = 0;
  try {
    return yield* baseParseFlowCollection.call(this);
  } finally {
    this.indentNext = blockIndent;
  }
};

/** Parses the first YAML document of `text` with CloudFormation's leniency. */
export function parseCloudFormationYaml(text: string): Document.Parsed {
  const lexer = new CloudFormationLexer();
  const parser = new Parser();
  const composer = new Composer({ prettyErrors: false, uniqueKeys: true, strict: false });
  function* tokens() {
    for (const lexeme of lexer.lex(text)) yield* parser.next(lexeme);
    yield* parser.end();
  }
  const documents = Array.from(composer.compose(tokens(), true, text.length));
  // The composer always yields a document for non-empty input; the fallback only guards the type.
  return documents[0] ?? parseDocument('');
}

import { join } from 'node:path';
import ts from 'typescript';
import { EXAMPLE_PRELUDE } from './example-prelude';
import { readExamples, type MarkdownExample } from './markdown-examples';

// Every ```ts block of the README and docs/*.md compiles against the sources, the way a user's app compiles
// against the package: an example that drifts from the API fails here. Blocks marked ```ts fragment (a piece
// of a larger example) are skipped. One Program for all blocks keeps this quick.

const root = join(__dirname, '../..');
const examplesDir = join(root, 'docs', '__examples__');
const preludeFile = join(examplesDir, 'prelude.ts');

function compilerOptions(): ts.CompilerOptions {
  const configFile = ts.readConfigFile(join(root, 'tsconfig.json'), (path) => ts.sys.readFile(path));
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root);
  // The project's own settings (strict, paths mapping sms-webhooks/* to src); an example may leave names unused.
  return { ...parsed.options, noEmit: true, noUnusedLocals: false };
}

function typeCheck(examples: MarkdownExample[]): string[] {
  const files = new Map<string, { example?: MarkdownExample; text: string }>([[preludeFile, { text: EXAMPLE_PRELUDE }]]);
  examples.forEach((example, index) => {
    const name = join(examplesDir, `${example.page.replace(/[/.]/g, '_')}_${index}.ts`);
    // Each block is a module of its own, so two blocks may declare the same name.
    files.set(name, { example, text: `${example.code}\nexport {};\n` });
  });
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.fileExists = (path) => files.has(path) || ts.sys.fileExists(path);
  host.readFile = (path) => files.get(path)?.text ?? readFile(path);
  host.getSourceFile = (path, languageVersion, ...rest) => {
    const file = files.get(path);
    return file ? ts.createSourceFile(path, file.text, languageVersion, true) : getSourceFile(path, languageVersion, ...rest);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    const file = diagnostic.file && files.get(diagnostic.file.fileName);
    if (!diagnostic.file || !file?.example) return `${diagnostic.file?.fileName ?? '(options)'}: ${message}`;
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    return `${file.example.page}:${file.example.line + line}: ${message}`;
  });
}

describe('the examples of the README and docs/', () => {
  const examples = readExamples(root);
  const checked = examples.filter((example) => !example.fragment);

  it('finds the examples, and only a few are fragments', () => {
    expect(checked.length).toBeGreaterThanOrEqual(20);
    expect(examples.length - checked.length).toBeLessThanOrEqual(5);
  });

  it('type-check against the sources', () => {
    expect(typeCheck(checked)).toEqual([]);
  }, 120_000);
});

/** A button that moves the template cursor to a line (and column) — how errors link to the template. */
export function LineLink(props: { line: number; column?: number; onGo(line: number, column: number): void }) {
  const column = props.column ?? 1;
  return (
    <button type="button" className="link line-link" onClick={() => props.onGo(props.line, column)}>
      template line {props.line}
      {props.column !== undefined ? `, column ${props.column}` : ''}
    </button>
  );
}

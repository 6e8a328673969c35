/**
 * Where notes are read from. Tests point PAPERLOG_NOTES_DIR at a folder of fixture notes to prove that
 * bad input stops the build; everyone else gets content/notes.
 */
export function notesDirectory(): string {
  return process.env.PAPERLOG_NOTES_DIR ?? './content/notes';
}

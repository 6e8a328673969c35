/**
 * Where notes, concepts and models are read from. Tests point these at fixture folders (to prove that
 * bad input stops the build, or that editing a model re-renders the notes that embed it); everyone else
 * gets content/notes, content/concepts and snippets.
 */
export function notesDirectory(): string {
  return process.env.PAPERLOG_NOTES_DIR ?? './content/notes';
}

export function conceptsDirectory(): string {
  return process.env.PAPERLOG_CONCEPTS_DIR ?? './content/concepts';
}

export function snippetsDirectory(): string {
  return process.env.PAPERLOG_SNIPPETS_DIR ?? './snippets';
}

/** The template `npm run new` copies; the build treats its prompts left in a published note as errors. */
export function noteTemplatePath(): string {
  return './content/templates/note.md';
}

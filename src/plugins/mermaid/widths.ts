/**
 * How wide a diagram may be. The text column is 42rem (--measure in global.css); on a desktop a wider
 * figure grows into the empty page margin (src/styles/diagrams.css), which from 960 px up makes room for
 * 800 px. Text is never shrunk to fit: a diagram wider than that must be designed narrower.
 */
export const COLUMN_PX = 672;
export const WIDTH_MAX_PX = 800;

/** Site paths, in one place so links and pages cannot disagree. All end in a slash. */
export const noteUrl = (id: string) => `/notes/${id}/`;
export const conceptUrl = (id: string) => `/concepts/${id}/`;
export const tagUrl = (tag: string) => `/tags/${tag}/`;
export const seriesUrl = (id: string) => `/series/${id}/`;

export type { ChosenWeights } from './choose-files.js';
export { chooseWeights, SUPPORT_FILES } from './choose-files.js';
export { downloadHubFile, resolveUrl } from './download-file.js';
export type { ModelFolder } from './download-model.js';
export { downloadModel } from './download-model.js';
export type { RepoRevision } from './hub-api.js';
export { fetchRepoRevision } from './hub-api.js';
export type { HubOptions, ResolvedHubOptions } from './hub-config.js';
export { resolveHubOptions } from './hub-config.js';

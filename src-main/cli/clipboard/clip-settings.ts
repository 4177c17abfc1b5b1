// How long a copied secret stays on the clipboard: the app's default, or CAIRN_CLIP_TIME seconds.
export const CLIP_TIME_ENV = 'CAIRN_CLIP_TIME'
export const DEFAULT_CLIP_SECONDS = 30

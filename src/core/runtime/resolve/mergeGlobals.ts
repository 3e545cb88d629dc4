// The runtime merges Globals as the SAM transform does: one implementation, in src/core/sam/globals.ts.
export { mergeGlobals } from '../../sam/globals';

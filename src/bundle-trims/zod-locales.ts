// Replaces zod's ~40 translations of its messages in the worker bundle (see
// src/tools/trimmed-zod.ts). The API speaks English, which zod loads on its own.
export {};

// The demo book moved to src/core/demoBook.ts (the renderer and the server use it too). This
// re-export keeps branches written before the move compiling; remove it once nothing imports it.
export * from '../src/core/demoBook';

// See https://observablehq.com/framework/config for documentation.
export default {
  title: "MovieLens workbook",
  root: "src",
  // The output folder can be moved, so tests build into a temporary folder and leave dist/ alone.
  output: process.env.WORKBOOK_OUTPUT ?? "dist",
  // Pages in the order of the original notebook.
  pages: [
    {name: "Load the data", path: "/load-data"},
    {name: "Ratings histogram", path: "/histogram"}
  ],
  pager: true,
  search: false,
  footer: "Built with Observable Framework and TensorFlow.js. MovieLens data © GroupLens Research, not redistributed here.",
  // Every library is bundled from node_modules: the workbook builds and runs offline.
  typographer: true
};

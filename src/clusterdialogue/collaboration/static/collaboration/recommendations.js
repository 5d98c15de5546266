// Show the slider's value beside it while it moves (the table follows through htmx).
document.addEventListener("input", (event) => {
  const input = event.target;
  if (input.name !== "similarity_weight") return;
  const output = document.getElementById("weight-value");
  if (output) output.textContent = Number(input.value).toFixed(2);
});

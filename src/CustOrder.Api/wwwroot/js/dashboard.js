// Draws the dashboard's chart from the JSON the page carries (#chart-data): the page's
// Content-Security-Policy allows scripts from this site only, none inline.
(function () {
  "use strict";
  var box = document.getElementById("revenue-chart");
  var source = document.getElementById("chart-data");
  if (!box || !source || typeof Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var fallback = box.querySelector(".chart-fallback");
  if (fallback) {
    fallback.remove();
  }
  var styles = getComputedStyle(document.documentElement);
  var accent = styles.getPropertyValue("--accent").trim() || "#0b6bcb";
  var muted = styles.getPropertyValue("--muted").trim() || "#5b6776";
  new Chart(box.querySelector("canvas"), {
    data: {
      labels: data.labels,
      datasets: [
        { type: "bar", label: "Revenue", data: data.revenue.map(Number), backgroundColor: accent, yAxisID: "revenue" },
        { type: "line", label: "Orders", data: data.orders, borderColor: muted, backgroundColor: muted, yAxisID: "orders", tension: 0.2 }
      ]
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: "index", intersect: false },
      scales: {
        revenue: { position: "left", beginAtZero: true, title: { display: true, text: "Revenue" } },
        orders: { position: "right", beginAtZero: true, grid: { drawOnChartArea: false }, ticks: { precision: 0 }, title: { display: true, text: "Orders" } }
      }
    }
  });
})();

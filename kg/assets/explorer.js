// kg graph explorer: draws the inlined graph with Cytoscape.js; search, legend and detail cards.
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
                   "#b07aa1", "#ff9da7", "#9c755f", "#17becf", "#bcbd22", "#7f7f7f"];
  const types = [...new Set(data.elements.nodes.map((node) => node.data.type))].sort();
  const colour = new Map(types.map((type, i) => [type, PALETTE[i % PALETTE.length]]));
  const card = document.getElementById("card");

  const cy = cytoscape({
    container: document.getElementById("cy"),
    elements: data.elements,
    maxZoom: 3,
    style: [
      { selector: "node", style: {
          "background-color": (node) => colour.get(node.data("type")),
          "width": (node) => 14 + 10 * Math.sqrt(node.data("degree")),
          "height": (node) => 14 + 10 * Math.sqrt(node.data("degree")),
          "label": "data(label)", "font-size": 10, "text-valign": "bottom", "text-margin-y": 3,
          "text-outline-color": "#fff", "text-outline-width": 2 } },
      { selector: "edge", style: {
          "label": "data(label)", "font-size": 8, "color": "#555", "text-rotation": "autorotate",
          "text-outline-color": "#fff", "text-outline-width": 2,
          "width": (edge) => 1 + Math.log2(edge.data("weight")), "line-color": "#bbb",
          "target-arrow-color": "#999", "target-arrow-shape": "triangle", "curve-style": "bezier" } },
      { selector: ":selected", style: { "border-width": 3, "border-color": "#222", "line-color": "#555",
                                        "target-arrow-color": "#555" } },
      { selector: ".match", style: { "border-width": 4, "border-color": "#d62728" } },
      { selector: ".faded", style: { "opacity": 0.15 } },
    ],
  });

  function element(tag, text, attributes) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
    return node;
  }

  function definitions(rows) {
    const list = element("dl");
    for (const [term, value] of rows) {
      if (value === "" || value === undefined) continue;
      list.append(element("dt", term));
      const detail = element("dd");
      detail.append(value instanceof Node ? value : document.createTextNode(String(value)));
      list.append(detail);
    }
    return list;
  }

  function showNode(node) {
    const qid = node.data("wikidata");
    const link = qid ? element("a", qid, { href: "https://www.wikidata.org/wiki/" + qid, target: "_blank",
                                           rel: "noopener" }) : "";
    card.replaceChildren(element("h2", node.data("label")), definitions([
      ["type", node.data("type")], ["id", node.id()], ["Wikidata", link],
      ["aliases", node.data("aliases")], ["relations", node.degree()],
    ]));
  }

  function showEdge(edge) {
    const dates = [...new Set([edge.data("first_date"), edge.data("last_date")].filter(Boolean))].join(" to ");
    card.replaceChildren(
      element("h2", `${edge.source().data("label")} → ${edge.data("label")} → ${edge.target().data("label")}`),
      definitions([["predicate", edge.data("predicate")], ["support", edge.data("weight")], ["dates", dates]]),
      element("h3", "Source sentences"));
    for (const key of edge.data("sources").split(" | ")) {
      const quote = data.quotes[key];
      if (!quote) { card.append(element("p", key, { class: "source" })); continue; }
      card.append(element("blockquote", quote.text),
                  element("div", [quote.title || quote.document, quote.date,
                                  `${quote.document}:${quote.start}-${quote.end}`].filter(Boolean).join(" · "),
                          { class: "source" }));
    }
  }

  cy.on("tap", "node", (event) => showNode(event.target));
  cy.on("tap", "edge", (event) => showEdge(event.target));

  function matching(text) {
    const needle = text.trim().toLowerCase();
    if (!needle) return cy.collection();
    return cy.nodes().filter((node) => [node.data("label"), ...node.data("aliases").split(" | ")]
      .some((name) => name.toLowerCase().includes(needle)));
  }

  const search = document.getElementById("search");
  const matches = document.getElementById("matches");
  search.addEventListener("input", () => {
    const found = matching(search.value);
    cy.elements().removeClass("match faded");
    matches.textContent = search.value.trim() ? `${found.length} match${found.length === 1 ? "" : "es"}` : "";
    if (found.empty()) return;
    found.addClass("match");
    cy.elements().not(found.closedNeighborhood()).addClass("faded");
    cy.stop();
    cy.animate({ fit: { eles: found, padding: 120 } }, { duration: 300 });
  });
  search.addEventListener("keydown", (event) => {
    const first = matching(search.value).first();
    if (event.key === "Enter" && first.nonempty()) { cy.elements().unselect(); first.select(); showNode(first); }
  });

  const legend = document.getElementById("legend");
  for (const type of types) {
    const entry = element("li");
    entry.append(element("span", undefined, { class: "swatch", style: `background: ${colour.get(type)}` }),
                 element("span", `${type} (${cy.nodes().filter((node) => node.data("type") === type).length})`));
    legend.append(entry);
  }
  document.getElementById("counts").textContent = `${cy.nodes().length} entities, ${cy.edges().length} relations`;

  // Tests and users' scripts wait for data-rendered="true", set once the first layout has finished,
  // and reach the graph as window.kgExplorer (a Cytoscape.js core).
  window.kgExplorer = cy;
  const layout = cy.layout({ name: "cose", animate: false, nodeDimensionsIncludeLabels: true, padding: 30 });
  layout.one("layoutstop", () => {
    document.body.dataset.nodeCount = String(cy.nodes().length);
    document.body.dataset.edgeCount = String(cy.edges().length);
    document.body.dataset.rendered = "true";
  });
  layout.run();
})();

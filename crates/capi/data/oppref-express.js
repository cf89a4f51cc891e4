// Keep OpenAI's click reference from the landing page until the conversion, then send it raw.
// On the landing request: the "oppref" query parameter; later: the "__oppref" cookie the pixel sets.
app.use((req, res, next) => {
  const fromUrl = typeof req.query.oppref === "string" ? req.query.oppref : undefined;
  const fromCookie = req.cookies?.__oppref; // needs cookie-parser
  req.oppref = fromUrl || fromCookie; // already decoded: do not hash, encode or trim it
  if (fromUrl) {
    res.cookie("__oppref", fromUrl, { maxAge: 30 * 24 * 3600 * 1000, sameSite: "lax", secure: true });
  }
  next();
});

// When the order is created (on the server):
// events.push({ id: order.id, type: "order_created", timestamp_ms: Date.now(),
//               oppref: req.oppref, action_source: "web", source_url: "https://shop.example/thank-you",
//               data: { type: "contents", amount: order.totalCents, currency: "USD" } });

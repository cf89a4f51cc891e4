#!/usr/bin/env python3
"""A loopback farm of client sites, for timing an audit at agency scale.

Serve H sites, site k (k = 1..H) on 127.0.0.(k+1), all on one port:

    farm.py serve --hosts 50 --port 8471 --latency-ms 50 --log requests.log

Every site answers HTTP/1.1 (keep-alive, HEAD, request bodies by Content-Length or chunked),
each response delayed by the latency (the event loop keeps serving other requests meanwhile):

    /robots.txt         User-agent: * / Allow: /
    /p/N                a ~40 KB landing page whose text varies with N (query string ignored)
                        with the OpenAI Ads pixel snippet inline and two same-origin scripts
    /static/app.js      ~30 KB of JavaScript, with ETag and Cache-Control: max-age=3600
    /static/vendor.js   ~60 KB of JavaScript, likewise
    anything else       404

Each request is logged as one line `host path user-agent` (the path with its query string, the
user agent as sent, "-" when there is none). The log is buffered: it is written out every
second, on SIGUSR1 (then "flushed LINES" is printed on stdout, LINES being the total written so
far), on SIGTERM / SIGINT (which stop the farm) and at exit. "ready" is printed on stdout once
every listener is bound.

Print the landing-page URLs of an ads export, spread evenly over the sites and interleaved:

    farm.py urls --pages 500 --hosts 50 --port 8471

Linux routes the whole of 127.0.0.0/8 to the loopback interface, so nothing needs setting up
there; elsewhere (macOS) each 127.0.0.x address must first be added as a loopback alias.
Python 3.8 or later, standard library only.
"""

import argparse
import asyncio
import atexit
import hashlib
import random
import signal
import sys
import time
from email.utils import formatdate

MAX_HOSTS = 250
MAX_HEAD = 64 * 1024
MAX_BODY = 1024 * 1024
PAGE_CACHE = 512
UTM = "utm_source=chatgpt&utm_medium=cpc&utm_campaign=bench"

# The pixel calls of the inline snippet, as the benchmark's landing pages carry them.
PIXEL_CALLS = 'oaiq("init", { pixelId: "Q3EEHmNNmitscStzPbzSGs" });\n    oaiq("measure", "page_viewed", { type: "contents" });'

REASONS = {
    200: "OK",
    304: "Not Modified",
    400: "Bad Request",
    404: "Not Found",
    405: "Method Not Allowed",
    408: "Request Timeout",
    413: "Content Too Large",
    431: "Request Header Fields Too Large",
    501: "Not Implemented",
    505: "HTTP Version Not Supported",
}


def host_address(k):
    """The address of site k (1-based)."""
    return "127.0.0.%d" % (k + 1)


# ---------------------------------------------------------------------------------------------
# Content
# ---------------------------------------------------------------------------------------------

PRODUCTS = [
    ("Trail Runner X2", "running shoes"),
    ("Summit Pack 30", "hiking backpacks"),
    ("Harbor Desk Pro", "standing desks"),
    ("Lumen Lamp", "reading lamps"),
    ("Aster Kettle", "electric kettles"),
    ("Drift Headphones", "wireless headphones"),
    ("Copperline Pan", "cookware"),
    ("Nimbus Mattress", "mattresses"),
    ("Fieldnote Planner", "paper planners"),
    ("Vela Bike Light", "bike lights"),
    ("Kiln Mug Set", "ceramic mugs"),
    ("Orbit Smart Plug", "smart plugs"),
]
OFFERS = [
    "20% off this week",
    "free delivery on every order",
    "try it for 30 nights",
    "bundle and save 15%",
    "new colours just landed",
    "the spring edit",
    "members get early access",
]
FEATURES = [
    ("Built to last", "Every unit is tested for thousands of cycles before it leaves the workshop, "
     "and the parts that wear out can be replaced at home with a single screwdriver."),
    ("Free returns", "Changed your mind? Send it back within thirty days in its original box and "
     "we refund the full price, shipping included, the day it reaches us."),
    ("Fast delivery", "Orders placed before 3 pm ship the same day from our warehouse, and most "
     "addresses receive them within two working days."),
    ("Repair program", "When something breaks after the warranty, our repair program fixes it at "
     "cost, so nothing ends up in a landfill because of one broken part."),
    ("Recycled materials", "Seventy percent of the materials are recycled or renewable, and the "
     "packaging is plain cardboard without plastic film or foam."),
    ("Two-year warranty", "Every purchase comes with a two-year warranty that covers defects in "
     "materials and workmanship, with a replacement sent before you return the old one."),
    ("Real support", "Questions are answered by people who use the products every day, by chat "
     "or phone, seven days a week from 8 am to 8 pm."),
    ("Secure checkout", "Pay by card, bank transfer or in three instalments without fees; we never "
     "store card numbers on our own servers."),
    ("Sized for you", "Our size guide and fit finder take a minute and get it right the first time "
     "for nine customers out of ten."),
    ("Carbon neutral shipping", "Every parcel's emissions are measured and offset through verified "
     "projects, at no extra cost to you."),
    ("Loyalty rewards", "Earn points on each order and spend them on accessories, free express "
     "delivery or a donation to the charity of the month."),
    ("Gift ready", "Add a handwritten card and gift wrapping at checkout, and we leave the price "
     "off the delivery note."),
]
QUOTES = [
    ("Maya R.", "Portland", "I have owned three of these over the years and the latest one is the best "
     "yet. Setup took five minutes and it still looks new after a winter of daily use."),
    ("Daniel K.", "Austin", "Delivery was faster than promised and the support team answered my "
     "question about sizing within an hour, on a Sunday."),
    ("Priya S.", "Toronto", "Good value for the money. I compared it with two more expensive brands "
     "and kept this one because it simply works better."),
    ("Tom W.", "Leeds", "The return was painless: I printed the label, dropped the box at the post "
     "office and the refund arrived two days later."),
    ("Lena F.", "Berlin", "I bought one for myself and one as a gift. Both people in the house now "
     "argue about who gets to use it in the morning."),
    ("Carlos M.", "Madrid", "Solid build, thoughtful details and no unnecessary features. Exactly "
     "what the product page described, which is rarer than it should be."),
    ("Hannah B.", "Denver", "Third order this year. The loyalty points paid for the express "
     "shipping on this one, which was a nice surprise."),
    ("Yuki T.", "Osaka", "The quality of the materials is noticeable as soon as you open the box. "
     "Packaging was minimal and fully recyclable too."),
]
FAQ = [
    ("How long does delivery take?", "Most orders arrive within two working days. You receive a "
     "tracking link by email as soon as the parcel leaves our warehouse."),
    ("Can I return an item?", "Yes, within thirty days of delivery, for a full refund. Use the "
     "prepaid label included in the box or print one from your account."),
    ("Do you ship internationally?", "We ship to the United States, Canada, the United Kingdom and "
     "most of the European Union. Duties are included in the price shown at checkout."),
    ("What payment methods do you accept?", "All major cards, bank transfer, Apple Pay, Google Pay "
     "and payment in three instalments without fees."),
    ("Is there a warranty?", "Every product has a two-year warranty against defects. Register your "
     "purchase to extend it by one more year at no cost."),
    ("How do I choose the right size?", "Use the fit finder on each product page, or compare your "
     "measurements with the size guide. Exchanges are free if it does not fit."),
    ("Can I change my order?", "Orders can be changed or cancelled until they are packed, usually "
     "within an hour of purchase. Contact support with your order number."),
    ("Do you offer business pricing?", "Yes, for orders of ten units or more. Fill in the form "
     "below and our team sends a quote within one working day."),
    ("Where are your products made?", "In partner workshops in Portugal, Vietnam and Mexico that "
     "we audit every year for working conditions and environmental standards."),
    ("How do I contact support?", "By chat on this site, by email or by phone, seven days a week "
     "from 8 am to 8 pm Eastern time."),
]
TIERS = [
    ("Essential", "$49", ["Standard delivery", "30-day returns", "Two-year warranty",
                          "Email support"]),
    ("Plus", "$79", ["Express delivery", "60-day returns", "Three-year warranty",
                     "Chat and phone support", "Gift wrapping"]),
    ("Complete", "$119", ["Next-day delivery", "90-day returns", "Five-year warranty",
                          "Priority support", "Gift wrapping", "Free repairs for life"]),
]
SPECS = [
    ("Weight", "oz"), ("Height", "in"), ("Width", "in"), ("Depth", "in"), ("Capacity", "fl oz"),
    ("Battery life", "h"), ("Charging time", "min"), ("Recycled content", "%"),
    ("Warranty", "months"), ("Colours available", ""), ("Noise level", "dB"),
    ("Power", "W"), ("Cable length", "ft"), ("Cycles tested", "thousand"),
    ("Parts replaceable at home", ""), ("Packaging weight", "oz"),
]
FOOTER = [
    ("Shop", ["New arrivals", "Best sellers", "Gift cards", "Bundles", "Accessories", "Sale",
              "Outlet", "Store finder"]),
    ("Help", ["Order status", "Shipping", "Returns", "Size guide", "Warranty", "Repairs",
              "Contact us", "FAQ"]),
    ("Company", ["About us", "Careers", "Press", "Sustainability", "Affiliates", "Wholesale",
                 "Investors", "Blog"]),
    ("Legal", ["Privacy policy", "Cookie settings", "Terms of sale", "Terms of use",
               "Accessibility", "Imprint", "Modern slavery statement", "Sitemap"]),
]


def slug(text):
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")


def rotate(items, n):
    n %= len(items)
    return items[n:] + items[:n]


def landing_page(n, origin):
    """The landing page /p/N of the site at `origin` (scheme://host:port), about 40 KB."""
    product, category = PRODUCTS[n % len(PRODUCTS)]
    offer = OFFERS[(n // len(PRODUCTS)) % len(OFFERS)]
    title = "%s — %s | Northwind %s (offer %d)" % (product, offer.capitalize(), category.title(), n)
    description = ("Shop the %s from Northwind: %s. Free returns within thirty days, two-year "
                   "warranty and delivery in two working days. Offer reference %d."
                   % (product, offer, n))
    out = []
    w = out.append
    w('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')
    w('<meta name="viewport" content="width=device-width, initial-scale=1">\n')
    w("<title>%s</title>\n" % title)
    w('<meta name="description" content="%s">\n' % description)
    w('<link rel="canonical" href="%s/p/%d">\n' % (origin, n))
    w('<meta property="og:title" content="%s">\n' % title)
    w('<meta property="og:description" content="%s">\n' % description)
    w('<meta property="og:type" content="product">\n')
    w('<meta property="og:url" content="%s/p/%d">\n' % (origin, n))
    w('<link rel="preconnect" href="https://fonts.gstatic.com" crossorigin>\n')
    w('<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Inter:wght@400;600;800&display=swap">\n')
    w('<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/normalize.css@8.0.1/normalize.min.css">\n')
    w('<link rel="stylesheet" href="https://cdn.northwind-assets.example/css/theme.4f2a9c.css">\n')
    w('<link rel="stylesheet" href="https://cdn.northwind-assets.example/css/landing.b81e07.css" media="screen">\n')
    w('<link rel="icon" href="https://cdn.northwind-assets.example/favicon.ico">\n')
    w("<script>(function(w,d,s,u){if(w.oaiq)return;var q=w.oaiq=function(){q.q.push(arguments)};"
      "q.q=[];var t=d.createElement(s);t.async=true;t.src=u;d.head.appendChild(t)})"
      '(window,document,"script","https://bzrcdn.openai.com/sdk/oaiq.min.js");\n    %s</script>\n'
      % PIXEL_CALLS)
    w('<script src="/static/vendor.js" defer></script>\n')
    w('<script type="application/ld+json">{"@context":"https://schema.org","@type":"Product",'
      '"name":"%s","sku":"NW-%05d","brand":{"@type":"Brand","name":"Northwind"},'
      '"offers":{"@type":"Offer","priceCurrency":"USD","price":"%d.00",'
      '"availability":"https://schema.org/InStock"}}</script>\n'
      % (product, n, 49 + n % 70))
    w("</head>\n<body>\n")

    # Header and navigation.
    w('<header class="site-header">\n<a class="logo" href="/">Northwind</a>\n<nav aria-label="Main">\n<ul>\n')
    for section, links in FOOTER[:2]:
        for link in links:
            w('  <li><a href="/%s/%s">%s</a></li>\n' % (slug(section), slug(link), link))
    w('</ul>\n</nav>\n<a class="cart" href="/cart" aria-label="Cart">Cart (0)</a>\n</header>\n')

    # Hero.
    w('<main>\n<section class="hero">\n')
    w("<h1>%s: %s</h1>\n" % (product, offer))
    w("<p class=\"lede\">The %s our customers rate best in %s, now with %s. Landing page %d of the "
      "spring campaign.</p>\n" % (product, category, offer, n))
    w('<a class="button primary" href="#lead">Get my offer</a>\n'
      '<a class="button" href="#pricing">See pricing</a>\n</section>\n')

    # Features: four blocks of cards, as long landing pages have them.
    for block in range(4):
        w('<section class="features" id="features-%d">\n<h2>%s</h2>\n<div class="grid">\n'
          % (block, ["Why Northwind", "Why customers switch", "Made to last",
                     "Details that matter"][block]))
        for heading, text in rotate(FEATURES, n + block * 5):
            w('<article class="card">\n<h3>%s</h3>\n<p>%s The %s is no exception.</p>\n'
              '<a href="/features/%s">Learn more about %s</a>\n</article>\n'
              % (heading, text, product, slug(heading), heading.lower()))
        w("</div>\n</section>\n")

    # Specifications.
    w('<section class="specs">\n<h2>%s specifications</h2>\n<table>\n<tbody>\n' % product)
    for i, (label, unit) in enumerate(SPECS):
        w('<tr><th scope="row">%s</th><td>%d %s</td></tr>\n'
          % (label, 3 + (n * 7 + i * 13) % 97, unit))
    w("</tbody>\n</table>\n</section>\n")

    # Testimonials, three rows (a slider shows them row by row).
    for row in range(3):
        w('<section class="reviews" aria-label="Customer reviews, row %d">\n<h2>%s</h2>\n'
          % (row + 1, ["What customers say", "More reviews", "Recent reviews"][row]))
        for name, city, text in rotate(QUOTES, n + row * 3):
            stars = 4 + (len(name) + n + row) % 2
            w('<figure class="review">\n<div class="stars" aria-label="%d out of 5">%s</div>\n'
              "<blockquote><p>%s</p></blockquote>\n<figcaption>%s, %s — verified buyer of the %s"
              "</figcaption>\n</figure>\n" % (stars, "★" * stars, text, name, city, product))
        w("</section>\n")

    # Pricing.
    w('<section class="pricing" id="pricing">\n<h2>Choose your plan</h2>\n<table>\n'
      "<thead><tr><th>Plan</th><th>Price</th><th>Included</th></tr></thead>\n<tbody>\n")
    for name, price, items in TIERS:
        w("<tr><th scope=\"row\">%s</th><td>%s</td><td><ul>%s</ul></td></tr>\n"
          % (name, price, "".join("<li>%s</li>" % i for i in items)))
    w("</tbody>\n</table>\n</section>\n")

    # FAQ, twice (general and about this offer).
    for part in range(2):
        w('<section class="faq">\n<h2>%s</h2>\n' % ["Frequently asked questions",
                                                   "About this offer"][part])
        for question, answer in rotate(FAQ, n + part * 4):
            w("<details>\n<summary>%s</summary>\n<p>%s</p>\n</details>\n" % (question, answer))
        w("</section>\n")

    # Articles.
    w('<section class="journal">\n<h2>From the Northwind journal</h2>\n<div class="grid">\n')
    for i, (heading, text) in enumerate(rotate(FEATURES, n + 3)[:8]):
        w('<article class="teaser">\n<img src="https://cdn.northwind-assets.example/img/journal-%d.webp" '
          'alt="" width="360" height="240" loading="lazy">\n<h3><a href="/journal/%s-%d">%s: how we '
          'think about it</a></h3>\n<p>%s</p>\n<time datetime="2025-03-%02d">March %d, 2025</time>\n'
          "</article>\n" % (i, slug(heading), n % 50, heading, text, 1 + i * 3, 1 + i * 3))
    w("</div>\n</section>\n")

    # Lead form.
    w('<section class="lead" id="lead">\n<h2>Get the offer for the %s</h2>\n' % product)
    w('<form action="/lead" method="post" class="lead-form" novalidate>\n'
      '<input type="hidden" name="offer" value="%d">\n'
      '<label for="name">Full name</label>\n<input id="name" name="name" autocomplete="name" required>\n'
      '<label for="email">Work email</label>\n<input id="email" name="email" type="email" autocomplete="email" required>\n'
      '<label for="company">Company</label>\n<input id="company" name="company" autocomplete="organization">\n'
      '<label for="size">Team size</label>\n<select id="size" name="size">\n'
      '<option>Just me</option><option>2-10</option><option>11-50</option><option>51-200</option>'
      "<option>More than 200</option>\n</select>\n"
      '<label for="message">Anything we should know?</label>\n<textarea id="message" name="message" rows="4"></textarea>\n'
      '<label class="consent"><input type="checkbox" name="consent" required> I agree to the '
      '<a href="/legal/privacy-policy">privacy policy</a>.</label>\n'
      '<button type="submit" class="button primary">Send</button>\n</form>\n</section>\n</main>\n'
      % n)

    # Footer.
    w('<footer class="site-footer">\n')
    for section, links in FOOTER:
        w('<div class="column">\n<h4>%s</h4>\n<ul>\n' % section)
        for link in links:
            w('  <li><a href="/%s/%s">%s</a></li>\n' % (slug(section), slug(link), link))
        w("</ul>\n</div>\n")
    w("<p class=\"legal\">© 2025 Northwind Goods Inc. Prices include VAT where applicable. "
      "Offer %d valid while stocks last.</p>\n</footer>\n" % n)
    w('<script src="/static/app.js"></script>\n</body>\n</html>\n')
    return "".join(out).encode("utf-8")


def app_js():
    """The site's own application code, about 30 KB."""
    out = ['/* Northwind storefront, app.js (build 2025.04.1) */\n"use strict";\n'
           "(function (window, document) {\n  var App = window.NorthwindApp = window.NorthwindApp || {};\n"]
    names = ["cart", "search", "newsletter", "gallery", "sizeGuide", "reviews", "faq", "pricing",
             "leadForm", "header", "cookieBanner", "recommendations", "wishlist", "currency",
             "stockBadge", "countdown"]
    i = 0
    while sum(len(s) for s in out) < 30 * 1024:
        name = names[i % len(names)]
        part = "%s%d" % (name, i // len(names))
        out.append(
            "\n  /** %(part)s: wires the %(name)s component on pages that have it. */\n"
            "  App.%(part)s = function init_%(part)s(root, options) {\n"
            "    options = Object.assign({ selector: '[data-%(name)s]', delay: %(delay)d }, options || {});\n"
            "    var nodes = (root || document).querySelectorAll(options.selector);\n"
            "    var state = { open: false, count: 0, timer: null };\n"
            "    function render(node) {\n"
            "      node.classList.toggle('is-open', state.open);\n"
            "      node.setAttribute('aria-expanded', String(state.open));\n"
            "      var badge = node.querySelector('.badge');\n"
            "      if (badge) { badge.textContent = state.count > 99 ? '99+' : String(state.count); }\n"
            "    }\n"
            "    function onClick(event) {\n"
            "      event.preventDefault();\n"
            "      state.open = !state.open;\n"
            "      state.count += 1;\n"
            "      clearTimeout(state.timer);\n"
            "      state.timer = setTimeout(function () { nodes.forEach(render); }, options.delay);\n"
            "    }\n"
            "    nodes.forEach(function (node) {\n"
            "      node.addEventListener('click', onClick);\n"
            "      render(node);\n"
            "    });\n"
            "    return { state: state, destroy: function () {\n"
            "      nodes.forEach(function (node) { node.removeEventListener('click', onClick); });\n"
            "    } };\n"
            "  };\n" % {"part": part, "name": name, "delay": 40 + (i * 7) % 200})
        i += 1
    out.append(
        "\n  App.validateLead = function (form) {\n"
        "    var email = form.querySelector('[name=email]');\n"
        "    var ok = /^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$/.test(email.value);\n"
        "    email.setCustomValidity(ok ? '' : 'Please enter a valid email address.');\n"
        "    return ok && form.checkValidity();\n"
        "  };\n\n"
        "  document.addEventListener('DOMContentLoaded', function () {\n"
        "    Object.keys(App).forEach(function (key) {\n"
        "      if (key.indexOf('validate') !== 0 && typeof App[key] === 'function') { App[key](document); }\n"
        "    });\n"
        "    var form = document.querySelector('.lead-form');\n"
        "    if (form) {\n"
        "      form.addEventListener('submit', function (event) {\n"
        "        if (!App.validateLead(form)) { event.preventDefault(); form.reportValidity(); }\n"
        "      });\n"
        "    }\n"
        "  });\n"
        "})(window, document);\n")
    return "".join(out).encode("utf-8")


def vendor_js():
    """Bundled third-party modules, minified-looking, about 60 KB."""
    out = ["/*! vendor.js: bundled modules (MIT licensed, see /licenses.txt) */\n"
           "(function(modules){var cache={};function req(id){if(cache[id])return cache[id].exports;"
           "var m=cache[id]={exports:{}};modules[id].call(m.exports,m,m.exports,req);return m.exports}"
           "window.__vendor_require=req;for(var k in modules)if(k.charAt(0)==='!')req(k)})({\n"]
    libs = ["dom", "events", "debounce", "throttle", "qs", "cookies", "storage", "fetch", "promise",
            "intersection", "carousel", "modal", "tooltip", "dates", "format", "lazyload"]
    i = 0
    while sum(len(s) for s in out) < 60 * 1024:
        lib = libs[i % len(libs)]
        out.append(
            '"%(lib)s/%(i)d":function(module,exports,require){"use strict";'
            "var a=%(seed)d,b=function(e,t){return e==null?t:e};"
            "function c(e){if(!(this instanceof c))return new c(e);this.o=Object.assign({delay:%(delay)d,"
            "passive:true,name:\"%(lib)s\"},e||{});this.q=[];this.n=0}"
            "c.prototype.push=function(e){this.q.push(e);this.n++;return this.n>a?this.flush():this};"
            "c.prototype.flush=function(){var e=this.q.splice(0,this.q.length);for(var t=0;t<e.length;t++)"
            "try{e[t].call(null,this.o)}catch(n){typeof console!==\"undefined\"&&console.warn(\"%(lib)s\",n)}"
            "return this};"
            "c.prototype.on=function(e,t,n){e.addEventListener(t,n,{passive:b(this.o.passive,true)});"
            "var r=this;return function(){e.removeEventListener(t,n);r.n--}};"
            "c.prototype.wait=function(e){var t=this;return new Promise(function(n){setTimeout(function(){"
            "n(t.flush())},b(e,t.o.delay))})};"
            "module.exports=c;exports.version=\"%(major)d.%(minor)d.%(patch)d\"},\n"
            % {"lib": lib, "i": i, "seed": 3 + i % 13, "delay": 16 * (1 + i % 9),
               "major": 1 + i % 4, "minor": i % 12, "patch": (i * 7) % 31})
        i += 1
    out.append('"!init":function(module,exports,require){["%s"].forEach(function(e,t){'
               'window.__vendor=window.__vendor||{};window.__vendor[e]=require(e+"/"+t)})}\n});\n'
               % '","'.join(libs))
    return "".join(out).encode("utf-8")


class Asset:
    def __init__(self, body, content_type, extra=()):
        self.body = body
        self.content_type = content_type
        self.etag = '"%s"' % hashlib.sha1(body).hexdigest()[:20]
        self.headers = list(extra)


ROBOTS = b"User-agent: *\nAllow: /\n"


# ---------------------------------------------------------------------------------------------
# Server
# ---------------------------------------------------------------------------------------------

class RequestLog:
    """Lines kept in memory and written out in batches."""

    def __init__(self, path):
        self.file = open(path, "a", encoding="utf-8", errors="replace") if path else None
        self.pending = []
        self.written = 0

    def add(self, host, target, agent):
        if self.file is not None:
            self.pending.append("%s %s %s\n" % (host, target, agent or "-"))
            if len(self.pending) >= 4096:
                self.flush()

    def flush(self):
        if self.file is None:
            return
        if self.pending:
            lines, self.pending = self.pending, []
            self.file.write("".join(lines))
            self.written += len(lines)
        self.file.flush()

    def close(self):
        if self.file is not None:
            self.flush()
            self.file.close()
            self.file = None


class BadRequest(Exception):
    def __init__(self, status):
        super().__init__(status)
        self.status = status


class Farm:
    def __init__(self, hosts, port, latency, log, idle_timeout):
        self.hosts = hosts
        self.port = port
        self.latency = latency
        self.log = log
        self.idle_timeout = idle_timeout
        self.pages = {}
        self.statics = {
            "/static/app.js": Asset(app_js(), "application/javascript",
                                    [("Cache-Control", "max-age=3600")]),
            "/static/vendor.js": Asset(vendor_js(), "application/javascript",
                                       [("Cache-Control", "max-age=3600")]),
        }
        self.robots = Asset(ROBOTS, "text/plain; charset=utf-8",
                            [("Cache-Control", "max-age=86400")])
        self.not_found = Asset(b"<!doctype html><title>Not found</title><h1>Not found</h1>\n",
                               "text/html; charset=utf-8")

    def page(self, n, origin):
        key = (n, origin)
        body = self.pages.get(key)
        if body is None:
            if len(self.pages) >= PAGE_CACHE:
                self.pages.clear()
            body = self.pages[key] = landing_page(n, origin)
        return body

    def route(self, method, target, headers, local):
        """(status, headers, body) for a request; the body is sent only for GET."""
        path = target.split("?", 1)[0].split("#", 1)[0]
        if path.startswith("http://") or path.startswith("https://"):
            path = "/" + path.split("://", 1)[1].partition("/")[2]
        if method not in ("GET", "HEAD"):
            known = path == "/robots.txt" or path in self.statics or is_page(path)
            if known:
                return 405, [("Allow", "GET, HEAD")], b""
            return 404, [("Content-Type", self.not_found.content_type)], self.not_found.body
        if path == "/robots.txt":
            return self.asset(self.robots, headers)
        if path in self.statics:
            return self.asset(self.statics[path], headers)
        if is_page(path):
            origin = "http://%s" % (headers.get("host") or "%s:%d" % (local, self.port))
            body = self.page(int(path[3:]), origin)
            return 200, [("Content-Type", "text/html; charset=utf-8"),
                         ("Cache-Control", "no-cache")], body
        return 404, [("Content-Type", self.not_found.content_type)], self.not_found.body

    @staticmethod
    def asset(asset, headers):
        common = [("Content-Type", asset.content_type), ("ETag", asset.etag)] + asset.headers
        match = headers.get("if-none-match")
        if match and (match.strip() == "*" or asset.etag in [m.strip().replace("W/", "", 1)
                                                             for m in match.split(",")]):
            return 304, common, b""
        return 200, common, asset.body

    async def serve(self, reader, writer):
        sock = writer.get_extra_info("sockname")
        local = sock[0] if sock else "?"
        try:
            while True:
                try:
                    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), self.idle_timeout)
                except (asyncio.IncompleteReadError, asyncio.TimeoutError):
                    break
                except asyncio.LimitOverrunError:
                    await self.reply(writer, 431, [], b"", "GET", False)
                    break
                try:
                    method, target, version, headers = parse_head(head)
                    await read_body(reader, headers, self.idle_timeout)
                except BadRequest as e:
                    await self.reply(writer, e.status, [], b"", "GET", False)
                    break
                connection = [t.strip().lower() for t in headers.get("connection", "").split(",")]
                if version == "HTTP/1.1":
                    keep = "close" not in connection
                else:
                    keep = "keep-alive" in connection
                self.log.add(local, target, headers.get("user-agent", ""))
                if self.latency > 0:
                    await asyncio.sleep(self.latency)
                status, extra, body = self.route(method, target, headers, local)
                await self.reply(writer, status, extra, body, method, keep,
                                 http10=version == "HTTP/1.0")
                if not keep:
                    break
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.TimeoutError):
            pass
        finally:
            writer.close()
            try:
                await writer.wait_closed()
            except (ConnectionError, OSError):
                pass

    @staticmethod
    async def reply(writer, status, extra, body, method, keep, http10=False):
        lines = ["HTTP/1.1 %d %s" % (status, REASONS.get(status, "Unknown")),
                 "Date: " + formatdate(time.time(), usegmt=True),
                 "Server: preflight-bench-farm"]
        lines += ["%s: %s" % kv for kv in extra]
        if status != 304:
            lines.append("Content-Length: %d" % len(body))
        if not keep:
            lines.append("Connection: close")
        elif http10:
            lines.append("Connection: keep-alive")
        data = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        if method != "HEAD" and status != 304:
            data += body
        writer.write(data)
        await writer.drain()


def is_page(path):
    return path.startswith("/p/") and path[3:].isdigit() and len(path) < 16


def parse_head(head):
    try:
        text = head.decode("latin-1")
    except UnicodeDecodeError:
        raise BadRequest(400)
    lines = text.split("\r\n")
    # Tolerate empty lines before the request line (RFC 9112 §2.2).
    while lines and not lines[0]:
        lines.pop(0)
    if not lines:
        raise BadRequest(400)
    parts = lines[0].split(" ")
    if len(parts) != 3 or not parts[1]:
        raise BadRequest(400)
    method, target, version = parts
    if version not in ("HTTP/1.1", "HTTP/1.0"):
        raise BadRequest(505 if version.startswith("HTTP/") else 400)
    headers = {}
    for line in lines[1:]:
        if not line:
            continue
        name, sep, value = line.partition(":")
        if not sep or not name or name != name.strip():
            raise BadRequest(400)
        name = name.lower()
        value = value.strip()
        if name in headers and name in ("connection", "if-none-match"):
            headers[name] += ", " + value
        elif name in headers and name in ("content-length", "host") and headers[name] != value:
            raise BadRequest(400)
        else:
            headers[name] = value
    return method, target, version, headers


async def read_body(reader, headers, timeout):
    """Reads (and drops) the request body so the next request on the connection parses."""
    coding = headers.get("transfer-encoding", "").lower()
    if coding:
        if coding.split(",")[-1].strip() != "chunked":
            raise BadRequest(501)
        total = 0
        while True:
            line = await asyncio.wait_for(reader.readuntil(b"\r\n"), timeout)
            try:
                size = int(line.split(b";", 1)[0].strip(), 16)
            except ValueError:
                raise BadRequest(400)
            total += size
            if total > MAX_BODY:
                raise BadRequest(413)
            if size == 0:
                # Trailer fields, up to the empty line.
                while (await asyncio.wait_for(reader.readuntil(b"\r\n"), timeout)) != b"\r\n":
                    pass
                return
            await asyncio.wait_for(reader.readexactly(size + 2), timeout)
    length = headers.get("content-length")
    if length is None:
        return
    if not length.isdigit():
        raise BadRequest(400)
    size = int(length)
    if size > MAX_BODY:
        raise BadRequest(413)
    if size:
        await asyncio.wait_for(reader.readexactly(size), timeout)


def raise_fd_limit():
    try:
        import resource
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        want = 65536 if hard == resource.RLIM_INFINITY else min(hard, 65536)
        if soft < want:
            resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    except (ImportError, ValueError, OSError):
        pass


async def run_farm(args):
    log = RequestLog(args.log)
    atexit.register(log.close)
    farm = Farm(args.hosts, args.port, args.latency_ms / 1000.0, log, args.idle_timeout)
    servers = []
    for k in range(1, args.hosts + 1):
        address = host_address(k)
        try:
            servers.append(await asyncio.start_server(
                farm.serve, address, args.port, backlog=1024, limit=MAX_HEAD,
                reuse_address=True))
        except OSError as e:
            print("farm: cannot listen on %s:%d: %s" % (address, args.port, e.strerror or e),
                  file=sys.stderr)
            for server in servers:
                server.close()
            log.close()
            return 1

    loop = asyncio.get_running_loop()
    stop = asyncio.Event()

    def flushed():
        log.flush()
        print("flushed %d" % log.written, flush=True)

    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    loop.add_signal_handler(signal.SIGUSR1, flushed)

    async def every_second():
        while True:
            await asyncio.sleep(1)
            log.flush()

    ticker = asyncio.ensure_future(every_second())
    print("ready", flush=True)
    try:
        await stop.wait()
    finally:
        ticker.cancel()
        for server in servers:
            server.close()
        log.close()
    return 0


def print_urls(args):
    """P landing pages spread evenly over H sites, in a shuffled (but fixed) order, as the rows
    of an ads export come: campaign by campaign, not site by site."""
    rows = ["http://%s:%d/p/%d?%s" % (host_address(1 + i % args.hosts), args.port, i + 1, UTM)
            for i in range(args.pages)]
    random.Random(args.seed).shuffle(rows)
    sys.stdout.write("".join(r + "\n" for r in rows))
    return 0


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="mode")
    serve = sub.add_parser("serve", help="run the farm (the default mode)")
    serve.add_argument("--hosts", type=int, default=50, help="number of sites (default 50)")
    serve.add_argument("--port", type=int, default=8471, help="port of every site (default 8471)")
    serve.add_argument("--latency-ms", type=float, default=50.0,
                       help="delay before every response, in ms (default 50)")
    serve.add_argument("--log", help="file the requests are logged to (appended)")
    serve.add_argument("--idle-timeout", type=float, default=120.0,
                       help="seconds an idle keep-alive connection is kept (default 120)")
    urls = sub.add_parser("urls", help="print the landing-page URLs")
    urls.add_argument("--pages", type=int, default=500, help="number of URLs (default 500)")
    urls.add_argument("--hosts", type=int, default=50, help="number of sites (default 50)")
    urls.add_argument("--port", type=int, default=8471, help="port of every site (default 8471)")
    urls.add_argument("--seed", type=int, default=1, help="seed of the order (default 1)")
    if not argv or argv[0] not in ("serve", "urls", "-h", "--help"):
        argv = ["serve"] + list(argv)
    args = parser.parse_args(argv)
    if not 1 <= args.hosts <= MAX_HOSTS:
        parser.error("--hosts must be between 1 and %d" % MAX_HOSTS)
    if not 1 <= args.port <= 65535:
        parser.error("--port must be between 1 and 65535")
    if args.mode == "urls":
        if args.pages < 0:
            parser.error("--pages must not be negative")
        return print_urls(args)
    raise_fd_limit()
    try:
        return asyncio.run(run_farm(args))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

# Keep OpenAI's click reference from the landing page until the conversion, then send it raw.
# On the landing request: the "oppref" query parameter; later: the "__oppref" cookie the pixel sets.
from flask import request

def current_oppref():
    # request.args is already URL-decoded: do not hash, encode or trim the value
    return request.args.get("oppref") or request.cookies.get("__oppref")

@app.after_request
def keep_oppref(response):
    oppref = request.args.get("oppref")
    if oppref:
        response.set_cookie("__oppref", oppref, max_age=30 * 24 * 3600, samesite="Lax", secure=True)
    return response

# When the order is created (on the server):
# event = {"id": order.id, "type": "order_created", "timestamp_ms": int(time.time() * 1000),
#          "oppref": current_oppref(), "action_source": "web",
#          "source_url": "https://shop.example/thank-you",
#          "data": {"type": "contents", "amount": order.total_cents, "currency": "USD"}}

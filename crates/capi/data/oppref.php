<?php
// Keep OpenAI's click reference from the landing page until the conversion, then send it raw.
// On the landing request: the "oppref" query parameter; later: the "__oppref" cookie the pixel sets.
$oppref = $_GET['oppref'] ?? ($_COOKIE['__oppref'] ?? null); // already decoded: send it unchanged
if (isset($_GET['oppref'])) {
    setcookie('__oppref', $_GET['oppref'], [
        'expires' => time() + 30 * 24 * 3600, 'path' => '/', 'secure' => true, 'samesite' => 'Lax',
    ]);
}

// When the order is created (on the server):
// $event = ['id' => $order->id, 'type' => 'order_created', 'timestamp_ms' => (int) (microtime(true) * 1000),
//           'oppref' => $oppref, 'action_source' => 'web', 'source_url' => 'https://shop.example/thank-you',
//           'data' => ['type' => 'contents', 'amount' => $order->totalCents, 'currency' => 'USD']];

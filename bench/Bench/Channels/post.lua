-- wrk script: durable channel posts over HTTP. CHANNEL and API_KEY come from the environment (see http-post.sh).
wrk.method = "POST"
wrk.path = "/api/v1/channels/" .. os.getenv("CHANNEL") .. "/messages"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("API_KEY")
wrk.body = '{"title":"bench","content":"a post of moderate length, as agents write","priority":"normal"}'

# kinline: one image for both processes (`serve --role web` and `serve --role worker`).
FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
COPY package.json package-lock.json ./
# Dev dependencies are needed for the TypeScript build, then pruned.
RUN npm ci --include=dev --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev && chown -R node:node /app
USER node
EXPOSE 3000
CMD ["node", "dist/src/bin/kinline.js", "serve"]

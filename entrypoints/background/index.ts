export default defineBackground(() => {
  console.info('ThreadDesk background started');
});

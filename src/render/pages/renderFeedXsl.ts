import { escapeHtml as escapeXml } from "./html.js";
import { pageCss } from "./styles.js";

/**
 * feed.xsl: an XSLT 1.0 stylesheet that turns feed.xml (RSS 2.0) and atom.xml (Atom 1.0) into a readable
 * page when someone opens a feed in a browser. Constant: no build-time churn. Browsers that dropped XSLT
 * show the raw XML instead, which is still a working feed.
 */
export function renderFeedXsl(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="UTF-8" indent="no" doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <xsl:variable name="lang" select="(rss/channel/language | atom:feed/@xml:lang)[1]"/>
    <xsl:variable name="title" select="(rss/channel/title | atom:feed/atom:title)[1]"/>
    <xsl:variable name="self" select="(rss/channel/atom:link[@rel='self']/@href | atom:feed/atom:link[@rel='self']/@href)[1]"/>
    <xsl:variable name="home" select="(rss/channel/link | atom:feed/atom:link[not(@rel) or @rel='alternate']/@href)[1]"/>
    <html lang="{$lang}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="color-scheme" content="light dark"/>
        <link rel="icon" href="data:,"/>
        <title><xsl:value-of select="$title"/></title>
        <style>${escapeXml(pageCss)}</style>
      </head>
      <body>
        <header class="site">
          <div class="wrap">
            <h1><xsl:value-of select="$title"/></h1>
            <p><xsl:value-of select="(rss/channel/description | atom:feed/atom:subtitle)[1]"/></p>
            <p class="hint" role="note">
              <xsl:choose>
                <xsl:when test="starts-with($lang, 'zh')">这是一个订阅源（feed）。把此页网址复制到阅读器中即可订阅。</xsl:when>
                <xsl:when test="starts-with($lang, 'ja')">これはフィードです。このページの URL をフィードリーダーにコピーして購読してください。</xsl:when>
                <xsl:when test="starts-with($lang, 'ko')">이것은 피드입니다. 이 페이지의 URL을 피드 리더에 복사해 구독하세요.</xsl:when>
                <xsl:otherwise>This is a feed. Copy the URL of this page into your feed reader to subscribe.</xsl:otherwise>
              </xsl:choose>
              <xsl:if test="$self"><xsl:text> </xsl:text><code><xsl:value-of select="$self"/></code></xsl:if>
            </p>
            <xsl:if test="$home">
              <p><a href="{$home}"><xsl:value-of select="$home"/></a></p>
            </xsl:if>
          </div>
        </header>
        <main class="wrap">
          <ol class="articles">
            <xsl:apply-templates select="rss/channel/item | atom:feed/atom:entry"/>
          </ol>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="item">
    <li>
      <h2 class="item-title"><a href="{link}"><xsl:value-of select="title"/></a></h2>
      <p class="meta">
        <xsl:if test="source"><span class="source"><xsl:value-of select="source"/></span></xsl:if>
        <xsl:if test="pubDate"><time><xsl:value-of select="substring(pubDate, 1, 16)"/></time></xsl:if>
      </p>
    </li>
  </xsl:template>

  <xsl:template match="atom:entry">
    <li>
      <h2 class="item-title">
        <a href="{(atom:link[not(@rel) or @rel='alternate']/@href)[1]}"><xsl:value-of select="atom:title"/></a>
      </h2>
      <p class="meta">
        <xsl:if test="atom:source/atom:title"><span class="source"><xsl:value-of select="atom:source/atom:title"/></span></xsl:if>
        <xsl:variable name="date" select="(atom:published | atom:updated)[1]"/>
        <xsl:if test="$date"><time datetime="{$date}"><xsl:value-of select="substring($date, 1, 10)"/></time></xsl:if>
      </p>
    </li>
  </xsl:template>
</xsl:stylesheet>
`;
}

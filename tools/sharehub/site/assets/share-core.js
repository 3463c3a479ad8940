/* share-core.js: the share-link builder and length rules, ported from Python.
 *
 * sharehub/share/links.py and sharehub/share/lengths.py rule for rule; tests
 * hold both to tests/data/share_vectors.json and to the networks' own test
 * material (tests/share/fixtures/). Pure functions, no DOM.
 *
 * The hub's tables (networks, length rules, which networks take hashtags)
 * come from the page: Python renders them as JSON into
 * <script type="application/json" id="sharehub-data"> (see
 * sharehub.site.render.page_data); nothing here repeats them.
 *
 * Stable API (window.sharehubShare), for the hub's pages and other fronts:
 *
 *   count(network, text, rules) -> {network, length, limit, bytes, byteLimit,
 *       invalid, fits}
 *     Length of `text` (as it lands in the composer, link included) the way
 *     `network` counts it. `rules` is exactly the dict Python's
 *     sharehub.share.lengths.network_rules(options) returns; the page's
 *     rules when omitted.
 *     `bytes`/`byteLimit` are set where a network also limits bytes
 *     (Bluesky); `invalid` is a character the network refuses ("" if none).
 *   shareLink(network, text, link, title, options) -> {network, href, text, link}
 *     The share URL for an already composed text. `options` is an object:
 *     {mastodonInstance: "host"} (empty: Mastodon's instance picker). A
 *     string is read as the Mastodon instance (the older signature).
 *   composeText(text, network, hashtags, disclosure) -> text with the
 *     hashtags and disclosure it lacks.
 *   trackedUrl(url, network, medium, campaign, content) -> the link with utm_*.
 *   texts(record, network) -> the text variants of a card record
 *     (sharehub.site.syndication.card_record) for `network`.
 *   data -> the page's tables.
 *
 * The other members are exported for the tests and may change.
 */
(function () {
  "use strict";

  // ---- the page's tables ---------------------------------------------------------------
  function pageData() {
    var node = typeof document !== "undefined" && document.getElementById("sharehub-data");
    try { return node ? JSON.parse(node.textContent) : {}; } catch (e) { return {}; }
  }
  var DATA = pageData();
  var RULES = DATA.rules || {};

  // ---- links.py ----------------------------------------------------------------------
  var HASHTAG_NETWORKS = DATA.hashtagNetworks || [];
  var TRAILING_PUNCT = ".,;:!?)]}'\"";
  // Python's str.split()/strip() white space.
  var WS = "\\s\\x1c-\\x1f\\x85";
  var WS_RE = new RegExp("[" + WS + "]+", "g");
  var TRIM_RE = new RegExp("^[" + WS + "]+|[" + WS + "]+$", "g");
  // A hashtag that can be a Threads topic tag: after white space, at most 50
  // letters, marks, digits or underscores (no ".", "&", tab or newline).
  var TOPIC_TAG_RE = /(?:^|(?<=[\t\n\x0b\x0c\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]))#([\p{L}\p{M}\p{N}_]{1,50})(?![\p{L}\p{M}\p{N}_])/u;

  function pyStrip(s) { return s.replace(TRIM_RE, ""); }
  function pySplit(s) { return pyStrip(s).split(WS_RE).filter(function (w) { return w; }); }
  function rstripChars(s, chars) {
    var end = s.length;
    while (end > 0 && chars.indexOf(s.charAt(end - 1)) !== -1) end--;
    return s.slice(0, end);
  }

  /** Percent-encode everything but RFC 3986 unreserved (Python quote(safe="")). */
  function encode(value) {
    return encodeURIComponent(value).replace(/[!'()*]/g, function (c) {
      return "%" + c.charCodeAt(0).toString(16).toUpperCase();
    });
  }

  function unquote(s) {
    try { return decodeURIComponent(s); } catch (e) { return s; }
  }

  function queryNames(query) {
    var names = {};
    query.split("&").forEach(function (part) {
      if (part) names[unquote(part.split("=")[0]).replace(/\+/g, " ")] = true;
    });
    return names;
  }

  function partition(s, sep) {
    var i = s.indexOf(sep);
    return i === -1 ? [s, "", ""] : [s.slice(0, i), sep, s.slice(i + sep.length)];
  }

  /** Append params, keeping query and fragment; never duplicate or add empties. */
  function addQueryParams(url, params) {
    var h = partition(url, "#"), base = h[0], hashSign = h[1], fragment = h[2];
    var q = partition(base, "?"), path = q[0], query = q[2];
    var present = queryNames(query);
    var added = [];
    params.forEach(function (p) {
      if (p[1] && !present[p[0]]) added.push(encode(p[0]) + "=" + encode(p[1]));
    });
    if (!added.length) return url;
    var joined = query + (query && query.slice(-1) !== "&" ? "&" : "") + added.join("&");
    return path + "?" + joined + (hashSign ? "#" + fragment : "");
  }

  function trackedUrl(url, network, medium, campaign, content) {
    return addQueryParams(url, [["utm_source", network], ["utm_medium", medium || ""],
      ["utm_campaign", campaign || ""], ["utm_content", content || ""]]);
  }

  function hasToken(text, token) {
    token = token.toLowerCase();
    return pySplit(text).some(function (w) {
      return rstripChars(w.toLowerCase(), TRAILING_PUNCT) === token;
    });
  }

  function composeText(text, network, hashtags, disclosure) {
    var out = pyStrip(text);
    if (HASHTAG_NETWORKS.indexOf(network) !== -1) {
      var missing = (hashtags || []).map(function (t) { return "#" + t; })
        .filter(function (t) { return !hasToken(out, t); });
      if (missing.length) out = pyStrip(out + " " + missing.join(" "));
    }
    disclosure = pyStrip(disclosure || "");
    if (disclosure && out.toLowerCase().indexOf(disclosure.toLowerCase()) === -1) {
      out = pyStrip(out + " " + disclosure);
    }
    return out;
  }

  function oneLine(text) { return pyStrip(text.replace(WS_RE, " ")); }

  /** Item.texts: a card record's variants for `network` (at least one). */
  function texts(record, network) {
    var share = record.sh || {};
    if (share[network]) return share[network];
    if (network === "reddit") return [oneLine(record.t)];  // a headline, not a note
    return share["default"] || [oneLine(record.t)];
  }

  function landingText(network, text, link, title) {
    if (network === "linkedin" || network === "email") return text + "\n\n" + link;
    if (network === "telegram") return link + "\n" + text;
    if (network === "reddit") return title || text;
    if (network === "facebook" || network === "xing") return link;
    if (network === "teams") return text;
    return text + " " + link;
  }

  /** The first hashtag of `text` that Threads takes as a topic tag, or "". */
  function topicTag(text) {
    var m = TOPIC_TAG_RE.exec(text);
    return m ? m[1] : "";
  }

  /** The share URL of a network for an already composed text (links.share_link). */
  function shareLink(network, text, link, title, options) {
    options = typeof options === "string" ? { mastodonInstance: options } : (options || {});
    var e = encode, landing = landingText(network, text, link, title), href;
    switch (network) {
      case "linkedin": href = "https://www.linkedin.com/feed/?shareActive=true&text=" + e(landing); break;
      case "x": href = "https://x.com/intent/tweet?text=" + e(text) + "&url=" + e(link); break;
      case "threads":
        var tag = topicTag(text);
        href = "https://www.threads.com/intent/post?text=" + e(text) + "&url=" + e(link) +
          (tag ? "&tag=" + e(tag) : "");
        break;
      case "telegram": href = "https://t.me/share/url?url=" + e(link) + "&text=" + e(text); break;
      case "bluesky": href = "https://bsky.app/intent/compose?text=" + e(landing); break;
      case "mastodon":
        href = options.mastodonInstance
          ? "https://" + options.mastodonInstance + "/share?text=" + e(landing)
          : "https://share.joinmastodon.org/#text=" + e(landing);
        break;
      case "whatsapp": href = "https://wa.me/?text=" + e(landing); break;
      case "reddit": href = "https://www.reddit.com/submit?url=" + e(link) + "&title=" + e(landing) + "&type=LINK"; break;
      case "teams": href = "https://teams.microsoft.com/share?href=" + e(link) + "&msgText=" + e(landing); break;
      case "email":
        var body = landing.replace(/\r\n/g, "\n").replace(/\n/g, "\r\n");
        href = "mailto:?subject=" + e(title || text) + "&body=" + e(body); break;
      case "facebook": href = "https://www.facebook.com/sharer/sharer.php?u=" + e(link); break;
      case "xing": href = "https://www.xing.com/spi/shares/new?url=" + e(link); break;
      default: throw new Error("unknown network " + network);
    }
    return { network: network, href: href, text: landing, link: link };
  }

  // ---- lengths.py --------------------------------------------------------------------
  var X_INVALID_RE = /[\uFFFE\uFEFF\uFFFF]/;

  // TLD sets, from the generated lists below.
  function tldSet(lists) {
    var set = Object.create(null);
    lists.forEach(function (list) { list.split(" ").forEach(function (t) { if (t) set[t] = true; }); });
    return set;
  }

  // ---- TLDs: generated by tests/share/reference/make_tlds.py from tools/sharehub/share/tlds.json; do not edit ----
  // x: twitter/twitter-text conformance/tld_lib.yml at 30e2430d90cff3b46393ea54caf511441983c260
  // bluesky: npm tlds@1.234.0, as bluesky-social/atproto d6296a1cfdb40a773319cb59061300e4e8e52f26 pins it (pnpm-lock.yaml)
  var TLDS = {
    both: "aaa aarp abarth abb abbott abbvie abc able abogado abudhabi ac academy accenture accountant accountants aco actor ad ads adult ae aeg aero aetna af afl africa ag agakhan agency ai aig airbus airforce airtel akdn al alfaromeo alibaba alipay allfinanz allstate ally alsace alstom am americanexpress americanfamily amex amfam amica amsterdam analytics android anquan anz ao aol apartments app apple aq aquarelle ar arab aramco archi army arpa art arte as asda asia associates at athleta attorney au auction audi audible audio auspost author auto autos avianca aw aws ax axa az azure ba baby baidu banamex bananarepublic band bank bar barcelona barclaycard barclays barefoot bargains baseball basketball bauhaus bayern bb bbc bbt bbva bcg bcn bd be beats beauty beer bentley berlin best bestbuy bet bf bg bh bharti bi bible bid bike bing bingo bio biz bj black blackfriday blockbuster blog bloomberg blue bm bms bmw bn bnpparibas bo boats boehringer bofa bom bond boo book booking bosch bostik boston bot boutique box br bradesco bridgestone broadway broker brother brussels bs bt build builders business buy buzz bv bw by bz bzh ca cab cafe cal call calvinklein cam camera camp canon capetown capital capitalone car caravan cards care career careers cars casa case cash casino cat catering catholic cba cbn cbre cbs cc cd center ceo cern cf cfa cfd cg ch chanel channel charity chase chat cheap chintai christmas chrome church ci cipriani circle cisco citadel citi citic city cityeats ck cl claims cleaning click clinic clinique clothing cloud club clubmed cm cn co coach codes coffee college cologne com comcast commbank community company compare computer comsec condos construction consulting contact contractors cooking cookingchannel cool coop corsica country coupon coupons courses cpa cr credit creditcard creditunion cricket crown crs cruise cruises cu cuisinella cv cw cx cy cymru cyou cz dabur dad dance data date dating datsun day dclk dds de deal dealer deals degree delivery dell deloitte delta democrat dental dentist desi design dev dhl diamonds diet digital direct directory discount discover dish diy dj dk dm dnp do docs doctor dog domains dot download drive dtv dubai dunlop dupont durban dvag dvr dz earth eat ec eco edeka edu education ee eg email emerck energy engineer engineering enterprises epson equipment er ericsson erni es esq estate et etisalat eu eurovision eus events exchange expert exposed express extraspace fage fail fairwinds faith family fan fans farm farmers fashion fast fedex feedback ferrari ferrero fi fiat fidelity fido film final finance financial fire firestone firmdale fish fishing fit fitness fj fk flickr flights flir florist flowers fly fm fo foo food foodnetwork football ford forex forsale forum foundation fox fr free fresenius frl frogans frontdoor frontier ftr fujitsu fun fund furniture futbol fyi ga gal gallery gallo gallup game games gap garden gay gb gbiz gd gdn ge gea gent genting george gf gg ggee gh gi gift gifts gives giving gl glass gle global globo gm gmail gmbh gmo gmx gn godaddy gold goldpoint golf goo goodyear goog google gop got gov gp gq gr grainger graphics gratis green gripe grocery group gs gt gu guardian gucci guge guide guitars guru gw gy hair hamburg hangout haus hbo hdfc hdfcbank health healthcare help helsinki here hermes hgtv hiphop hisamitsu hitachi hiv hk hkt hm hn hockey holdings holiday homedepot homegoods homes homesense honda horse hospital host hosting hot hoteles hotels hotmail house how hr hsbc ht hu hughes hyatt hyundai ibm icbc ice icu id ie ieee ifm ikano il im imamat imdb immo immobilien in inc industries infiniti info ing ink institute insurance insure int international intuit investments io ipiranga iq ir irish is ismaili ist istanbul it itau itv jaguar java jcb je jeep jetzt jewelry jio jll jm jmp jnj jo jobs joburg jot joy jp jpmorgan jprs juegos juniper kaufen kddi ke kerryhotels kerrylogistics kerryproperties kfh kg kh ki kia kim kinder kindle kitchen kiwi km kn koeln komatsu kosher kp kpmg kpn kr krd kred kuokgroup kw ky kyoto kz la lacaixa lamborghini lamer lancaster lancia land landrover lanxess lasalle lat latino latrobe law lawyer lb lc lds lease leclerc lefrak legal lego lexus lgbt li lidl life lifeinsurance lifestyle lighting like lilly limited limo lincoln linde link lipsy live living lk llc llp loan loans locker locus loft lol london lotte lotto love lpl lplfinancial lr ls lt ltd ltda lu lundbeck luxe luxury lv ly ma macys madrid maif maison makeup man management mango map market marketing markets marriott marshalls maserati mattel mba mc mckinsey md me med media meet melbourne meme memorial men menu merckmsd mg mh miami microsoft mil mini mint mit mitsubishi mk ml mlb mls mm mma mn mo mobi mobile moda moe moi mom monash money monster mormon mortgage moscow moto motorcycles mov movie mp mq mr ms msd mt mtn mtr mu museum mutual mv mw mx my mz na nab nagoya name natura navy nba nc ne nec net netbank netflix network neustar new news next nextdirect nexus nf nfl ng ngo nhk ni nico nike nikon ninja nissan nissay nl no nokia northwesternmutual norton now nowruz nowtv np nr nra nrw ntt nu nyc nz obi observer office okinawa olayan olayangroup oldnavy ollo om omega one ong onl online ooo open oracle orange org organic origins osaka otsuka ott ovh pa page panasonic paris pars partners parts party passagens pay pccw pe pet pf pfizer pg ph pharmacy phd philips phone photo photography photos physio pics pictet pictures pid pin ping pink pioneer pizza pk pl place play playstation plumbing plus pm pn pnc pohl poker politie porn post pr pramerica praxi press prime pro prod productions prof progressive promo properties property protection pru prudential ps pt pub pw pwc py qa qpon quebec quest racing radio re read realestate realtor realty recipes red redstone redumbrella rehab reise reisen reit reliance ren rent rentals repair report republican rest restaurant review reviews rexroth rich richardli ricoh ril rio rip ro rocher rocks rodeo rogers room rs rsvp ru rugby ruhr run rw rwe ryukyu sa saarland safe safety sakura sale salon samsclub samsung sandvik sandvikcoromant sanofi sap sarl sas save saxo sb sbi sbs sc sca scb schaeffler schmidt scholarships school schule schwarz science scot sd se search seat secure security seek select sener services ses seven sew sex sexy sfr sg sh shangrila sharp shaw shell shia shiksha shoes shop shopping shouji show showtime si silk sina singles site sj sk ski skin sky skype sl sling sm smart smile sn sncf so soccer social softbank software sohu solar solutions song sony soy space sport spot sr srl ss st stada staples star statebank statefarm stc stcgroup stockholm storage store stream studio study style su sucks supplies supply support surf surgery suzuki sv swatch swiss sx sy sydney systems sz tab taipei talk taobao target tatamotors tatar tattoo tax taxi tc tci td tdk team tech technology tel temasek tennis teva tf tg th thd theater theatre tiaa tickets tienda tiffany tips tires tirol tj tjmaxx tjx tk tkmaxx tl tm tmall tn to today tokyo tools top toray toshiba total tours town toyota toys tr trade trading training travel travelchannel travelers travelersinsurance trust trv tt tube tui tunes tushu tv tvs tw tz ua ubank ubs ug uk unicom university uno uol ups us uy uz va vacations vana vanguard vc ve vegas ventures verisign vermögensberater vermögensberatung versicherung vet vg vi viajes video vig viking villas vin vip virgin visa vision viva vivo vlaanderen vn vodka volkswagen volvo vote voting voto voyage vu vuelos wales walmart walter wang wanggou watch watches weather weatherchannel webcam weber website wed wedding weibo weir wf whoswho wien wiki williamhill win windows wine winners wme wolterskluwer woodside work works world wow ws wtc wtf xbox xerox xfinity xihuan xin xxx xyz yachts yahoo yamaxun yandex ye yodobashi yoga yokohama you youtube yt yun za zappos zara zero zip zm zone zuerich zw ελ ευ бг бел дети ею католик ком мкд мон москва онлайн орг рус рф сайт срб укр қаз հայ קום ابوظبي اتصالات ارامكو الاردن البحرين الجزائر السعودية العليان المغرب امارات ایران بارت بازار بيتك بھارت تونس سودان سورية شبكة عراق عرب عمان فلسطين قطر كاثوليك كوم مصر مليسيا موريتانيا موقع همراه پاکستان ڀارت कॉम नेट भारत भारतम् भारोत संगठन বাংলা ভারত ভাৰত ਭਾਰਤ ભારત ଭାରତ இந்தியா இலங்கை சிங்கப்பூர் భారత్ ಭಾರತ ഭാരതം ලංකා คอม ไทย ລາວ გე みんな クラウド グーグル コム ストア セール ファッション ポイント 世界 中信 中国 中國 中文网 企业 佛山 信息 健康 八卦 公司 公益 台湾 台灣 商城 商店 商标 嘉里 嘉里大酒店 在线 大拿 天主教 娱乐 家電 广东 微博 慈善 我爱你 手机 招聘 政务 政府 新加坡 新闻 时尚 書籍 机构 淡马锡 游戏 澳門 点看 移动 组织机构 网址 网店 网站 网络 联通 诺基亚 谷歌 购物 通販 集团 電訊盈科 飞利浦 食品 餐厅 香格里拉 香港 닷넷 닷컴 삼성 한국",
    x: "active adac afamilycompany aigo an bl blanco bnl boots bq budapest bugatti cancerresearch cartier caseih ceb chloe chrysler csc dodge doha doosan duck duns eh epost esurance everbank flsmidth fujixerox glade goodhands honeywell htc iinet intel iselect iveco iwc jcp jlc ladbrokes lancome liaison lixil lupin mcd mcdonalds meo metlife mf mobily montblanc mopar movistar mtpc mutuelle nadex nationwide newholland off onion onyourside orientexpress pamperedchef panerai piaget qvc raid rightathome rmit sapo scjohnson scor shriram spiegel spreadbetting srt starhub statoil swiftcover symantec telecity telefonica tp uconnect um vista vistaprint warman xperia zippo موبايلي 大众汽车 工行 手表 珠宝",
    bluesky: "amazon kids music spa ישראל アマゾン 亚马逊"
  };
  // ---- end of generated TLDs ----

  var X_TLDS = Object.keys(tldSet([TLDS.both, TLDS.x]));
  var BLUESKY_TLDS = tldSet([TLDS.both, TLDS.bluesky]);

  // twitter-text's URL extraction (twitter-text 3.1 extractUrlsWithIndices), regex for
  // regex: its character classes, no "u" flag, TLDs longest first where one is
  // the start of another (descending order does that).
  var TT_SPACES = "\\x09-\\x0D\\x20\\x85\\xA0\\u1680\\u180E\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000";
  var TT_INVALID = "\\uFFFE\\uFEFF\\uFFFF";
  var TT_DIRECTIONAL = "\\u202A-\\u202E\\u061C\\u200E\\u200F\\u2066\\u2067\\u2068\\u2069";
  var TT_PUNCT = "\\!'#%&'\\(\\)*\\+,\\\\\\-\\.\\/:;<=>\\?@\\[\\]\\^_{|}~\\$";
  var LATIN_ACCENTS = "\\xC0-\\xD6\\xD8-\\xF6\\xF8-\\xFF\\u0100-\\u024F\\u0253\\u0254\\u0256\\u0257" +
    "\\u0259\\u025B\\u0263\\u0268\\u026F\\u0272\\u0289\\u028B\\u02BB\\u0300-\\u036F\\u1E00-\\u1EFF";
  var CYRILLIC = "\\u0400-\\u04FF";
  var DOMAIN_CHAR = "[^" + TT_PUNCT + TT_SPACES + TT_INVALID + TT_DIRECTIONAL + "]";
  var SUBDOMAIN = "(?:(?:" + DOMAIN_CHAR + "(?:[_-]|" + DOMAIN_CHAR + ")*)?" + DOMAIN_CHAR + "\\.)";
  var DOMAIN_NAME = "(?:(?:" + DOMAIN_CHAR + "(?:-|" + DOMAIN_CHAR + ")*)?" + DOMAIN_CHAR + "\\.)";
  var TLD = "(?:(?:" + X_TLDS.sort().reverse().join("|") + ")(?=[^0-9a-zA-Z@+-]|$)|xn--[\\-0-9a-z]+)";
  var DOMAIN = "(?:" + SUBDOMAIN + "*" + DOMAIN_NAME + TLD + ")";
  var PATH_CHAR = "[a-z" + CYRILLIC + "0-9!\\*';:=\\+,\\.\\$\\/%#\\[\\]\\-\\u2013_~@\\|&" + LATIN_ACCENTS + "]";
  var BALANCED = "\\((?:" + PATH_CHAR + "+|(?:" + PATH_CHAR + "*\\(" + PATH_CHAR + "+\\)" + PATH_CHAR + "*))\\)";
  var PATH_END = "(?:[\\+\\-a-z" + CYRILLIC + "0-9=_#\\/" + LATIN_ACCENTS + "]|(?:" + BALANCED + "))";
  var PATH = "(?:(?:" + PATH_CHAR + "*(?:" + BALANCED + PATH_CHAR + "*)*" + PATH_END + ")|(?:@" + PATH_CHAR + "+\\/))";
  var QUERY_CHAR = "[a-z0-9!?\\*'@\\(\\);:&=\\+\\$\\/%#\\[\\]\\-_\\.,~|]";
  var QUERY_END = "[a-z0-9\\-_&=#\\/]";
  var PRECEDING = "(?:[^A-Za-z0-9@\uFF20$#\uFF03" + TT_INVALID + "]|[" + TT_DIRECTIONAL + "]|^)";
  // Groups: 1 preceding character, 2 URL, 3 protocol, 4 domain, 5 path.
  var EXTRACT_URL = new RegExp("(" + PRECEDING + ")((https?:\\/\\/)?(" + DOMAIN + ")(?::[0-9]+)?" +
    "(\\/" + PATH + "*)?(?:\\?" + QUERY_CHAR + "*" + QUERY_END + ")?)", "gi");
  var ASCII_DOMAIN = new RegExp("(?:(?:[\\-a-z0-9" + LATIN_ACCENTS + "]+)\\.)+" + TLD, "gi");
  var TCO_URL = new RegExp("^https?:\\/\\/t\\.co\\/([a-z0-9]+)(?:\\?" + QUERY_CHAR + "*" + QUERY_END + ")?", "i");

  // punycode.js 1.4 toASCII, which twitter-text uses to check label lengths.
  function punycodeEncode(label) {
    var input = Array.from(label, function (c) { return c.codePointAt(0); });
    var output = input.filter(function (c) { return c < 0x80; })
      .map(function (c) { return String.fromCharCode(c); });
    var basic = output.length, handled = basic, n = 128, delta = 0, bias = 72;
    if (basic) output.push("-");
    function digit(d) { return String.fromCharCode(d + 22 + 75 * (d < 26)); }
    function adapt(d, points, first) {
      var k = 0;
      d = first ? Math.floor(d / 700) : d >> 1;
      d += Math.floor(d / points);
      for (; d > 455; k += 36) d = Math.floor(d / 35);
      return Math.floor(k + 36 * d / (d + 38));
    }
    while (handled < input.length) {
      var m = Infinity;
      input.forEach(function (c) { if (c >= n && c < m) m = c; });
      delta += (m - n) * (handled + 1);
      n = m;
      for (var i = 0; i < input.length; i++) {
        var c = input[i];
        if (c < n) delta++;
        if (c === n) {
          var q = delta;
          for (var k = 36; ; k += 36) {
            var t = k <= bias ? 1 : (k >= bias + 26 ? 26 : k - bias);
            if (q < t) break;
            output.push(digit(t + (q - t) % (36 - t)));
            q = Math.floor((q - t) / (36 - t));
          }
          output.push(digit(q));
          bias = adapt(delta, handled + 1, handled === basic);
          delta = 0;
          handled++;
        }
      }
      delta++;
      n++;
    }
    return output.join("");
  }

  function punycodeToAscii(label) {
    return label.replace(/[\x2E\u3002\uFF0E\uFF61]/g, ".").split(".").map(function (part) {
      return /[^\x20-\x7E]/.test(part) ? "xn--" + punycodeEncode(part) : part;
    }).join(".");
  }

  function validIdn(domain) {
    if (domain.substring(0, 4) === "xn--" && !domain.match(ASCII_DOMAIN)) return false;
    return domain.split(".").every(function (label) {
      var ascii = punycodeToAscii(label);
      return ascii.length >= 1 && ascii.length <= 63;
    });
  }

  /** UTF-16 spans of the URLs twitter-text extracts from `text`. */
  function xUrlSpans(text, withoutProtocol) {
    if (withoutProtocol === undefined) withoutProtocol = true;
    if (!text || text.indexOf(withoutProtocol ? "." : ":") === -1) return [];
    var spans = [], m;
    EXTRACT_URL.lastIndex = 0;
    while ((m = EXTRACT_URL.exec(text)) !== null) {
      var before = m[1], url = m[2], protocol = m[3], domain = m[4], path = m[5];
      var end = EXTRACT_URL.lastIndex, start = end - url.length;
      if (!validIdn(domain) || (protocol || "https://").length + url.length > 4096) continue;
      if (!protocol) {
        if (!withoutProtocol || /[-_.\/]$/.test(before)) continue;
        var last = null, asciiEnd = 0, a;
        ASCII_DOMAIN.lastIndex = 0;
        while ((a = ASCII_DOMAIN.exec(domain)) !== null) {
          var asciiStart = domain.indexOf(a[0], asciiEnd);
          asciiEnd = asciiStart + a[0].length;
          last = [start + asciiStart, start + asciiEnd];
          spans.push(last);
        }
        if (last && path) last[1] = end;
      } else {
        var tco = TCO_URL.exec(url);
        if (tco) {
          if (tco[1] && tco[1].length > 40) continue;
          end = start + tco[0].length;
        }
        spans.push([start, end]);
      }
    }
    return spans;
  }

  // An emoji as twitter-text v3 weighs it: a flag, a keycap, a pictograph
  // (those below U+2000, such as (c), only with VS16) with its modifier, tags
  // and ZWJ sequence.
  var PICTO = "(?:(?=\\p{Extended_Pictographic})[^\\0-\\u1FFF]|[\\xA9\\xAE]\\uFE0F)";
  var EMOJI_RE = new RegExp("\\p{Regional_Indicator}{2}|[#*0-9]\\uFE0F?\\u20E3|" + PICTO +
    "(?:\\uFE0F|\\p{Emoji_Modifier})?[\\u{E0020}-\\u{E007E}]*\\u{E007F}?(?:\\u200D" + PICTO +
    "(?:\\uFE0F|\\p{Emoji_Modifier})?)*", "gu");

  function weighPlain(text, rules) {
    var total = 0;
    for (var ch of text) {
      var code = ch.codePointAt(0), weight = rules.default_weight;
      for (var i = 0; i < rules.ranges.length; i++) {
        var r = rules.ranges[i];
        if (code >= r[0] && code <= r[1]) { weight = r[2]; break; }
      }
      total += weight;
    }
    return total;
  }

  function weigh(text, rules) {
    if (!rules.emoji) return weighPlain(text, rules);
    var total = 0, pos = 0, m;
    EMOJI_RE.lastIndex = 0;
    while ((m = EMOJI_RE.exec(text)) !== null) {
      total += weighPlain(text.slice(pos, m.index), rules) + rules.default_weight;
      pos = m.index + m[0].length;
    }
    return total + weighPlain(text.slice(pos), rules);
  }

  /** Weighted length on X (twitter-text parseTweet). */
  function xLength(text, rules) {
    rules = rules || RULES.x;
    text = text.normalize("NFC");
    var total = 0, pos = 0;
    xUrlSpans(text, true).forEach(function (s) {
      total += weigh(text.slice(pos, s[0]), rules) + rules.url_length * rules.scale;
      pos = s[1];
    });
    total += weigh(text.slice(pos), rules);
    return Math.floor(total / rules.scale);
  }

  var segmenter = (typeof Intl !== "undefined" && Intl.Segmenter)
    ? new Intl.Segmenter(undefined, { granularity: "grapheme" }) : null;

  function graphemeLength(text) {
    if (!segmenter) return Array.from(text).length;
    var n = 0;
    for (var _ of segmenter.segment(text)) n++;  // eslint-disable-line no-unused-vars
    return n;
  }

  function utf8Length(text) {
    var n = 0;
    for (var ch of text) {
      var c = ch.codePointAt(0);
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    }
    return n;
  }

  // atproto rich-text detectFacets: a link starts at the start, after white
  // space or "("; bare domains need a known TLD.
  var BSKY_URL_RE = /(^|\s|\()((https?:\/\/[\S]+)|((?<domain>[a-z][a-z0-9]*(\.[a-z0-9]+)+)[\S]*))/gim;

  /** UTF-16 spans of the links Bluesky's composer finds. */
  function blueskyLinkSpans(text) {
    var spans = [], m;
    BSKY_URL_RE.lastIndex = 0;
    while ((m = BSKY_URL_RE.exec(text)) !== null) {
      var uri = m[2];
      if (uri.indexOf("http") !== 0) {
        var domain = m.groups && m.groups.domain;
        if (!domain || !BLUESKY_TLDS[domain.slice(domain.lastIndexOf(".") + 1)]) continue;
      }
      var start = m.index + m[1].length, end = start + m[2].length;
      if (/[.,;:!?]$/.test(uri)) { uri = uri.slice(0, -1); end--; }
      if (/[)]$/.test(uri) && uri.indexOf("(") === -1) end--;
      spans.push([start, end]);
    }
    return spans;
  }

  /** social-app toShortUrl: the browser's URL, host + 13 characters + "...". */
  function blueskyShortUrl(url) {
    var u;
    try { u = new URL(url); } catch (e) { return url; }
    if (u.protocol !== "http:" && u.protocol !== "https:") return url;
    var rest = (u.pathname === "/" ? "" : u.pathname) + u.search + u.hash;
    return rest.length > 15 ? u.host + rest.slice(0, 13) + "..." : u.host + rest;
  }

  function blueskyShortened(text) {
    var out = "", pos = 0;
    blueskyLinkSpans(text).forEach(function (s) {
      out += text.slice(pos, s[0]) + blueskyShortUrl(text.slice(s[0], s[1]));
      pos = s[1];
    });
    return out + text.slice(pos);
  }

  function blueskyLength(text) { return graphemeLength(blueskyShortened(text)); }

  /** Mastodon: links with a scheme count `url_length`, the rest in graphemes. */
  function mastodonLength(text, rules) {
    rules = rules || RULES.mastodon;
    var out = "", pos = 0;
    xUrlSpans(text, false).forEach(function (s) {
      out += text.slice(pos, s[0]) + "x".repeat(rules.url_length);
      pos = s[1];
    });
    return graphemeLength(out + text.slice(pos));
  }

  function count(network, text, rules) {
    var r = (rules || RULES)[network] || {};
    var out = { network: network, length: 0, limit: r.limit == null ? null : r.limit,
      bytes: null, byteLimit: null, invalid: "" };
    if (network === "x") {
      var bad = X_INVALID_RE.exec(text);
      out.invalid = bad ? bad[0] : "";
      out.length = xLength(text, r);
    } else if (network === "bluesky") {
      var shortened = blueskyShortened(text);
      out.length = graphemeLength(shortened);
      out.bytes = utf8Length(shortened);
      out.byteLimit = r.byte_limit == null ? null : r.byte_limit;
    } else if (network === "mastodon") {
      out.length = mastodonLength(text, r);
    } else {
      out.length = Array.from(text).length;
    }
    out.fits = (out.limit === null || out.length <= out.limit) &&
      (out.byteLimit === null || out.bytes <= out.byteLimit) && !out.invalid;
    return out;
  }

  window.sharehubShare = {
    count: count, shareLink: shareLink, composeText: composeText, trackedUrl: trackedUrl,
    encode: encode, addQueryParams: addQueryParams, landingText: landingText, oneLine: oneLine,
    pyStrip: pyStrip, topicTag: topicTag, xUrlSpans: xUrlSpans, xLength: xLength,
    graphemeLength: graphemeLength, blueskyLinkSpans: blueskyLinkSpans,
    blueskyShortUrl: blueskyShortUrl, blueskyShortened: blueskyShortened,
    blueskyLength: blueskyLength, mastodonLength: mastodonLength,
    texts: texts, data: DATA
  };
})();

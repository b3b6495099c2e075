import type { portalPublicZhCN } from './portal-public.zh-CN.ts';

/** English strings of the public pages added in issue 28. */
export const portalPublicEn: typeof portalPublicZhCN = {
  site: {
    sponsor: 'Run by: {{value}}',
    contact: 'Contact: {{value}}',
    hotline: 'Citizen hotline: {{value}}',
    siteCode: 'Site code: {{value}}',
    bundles: 'One-stop life events',
  },
  portalPlus: {
    popular: 'Popular services',
    lifeEvents: 'Life events, done at once',
    lifeEventsMore: 'All life events',
    hotline: '12345 hotline',
    hotlineText: 'Questions, help, complaints, suggestions',
    rating: 'Rate a service',
    ratingText: 'Tell us how it went',
    verify: 'Check a license',
    verifyText: 'Is an e-license genuine?',
    services: 'Services',
    directory: 'Service halls and departments',
    directoryHint: '{{halls}} halls · {{departments}} departments',
    showDirectory: 'Show halls and departments',
    guideNav: 'Contents of the guide',
    applyBar: 'Apply online',
    clearSearch: 'Clear the search',
    situational: 'Depends',
    situationalHelp: 'Whether you need it depends on your situation: answer the questions above and it will be marked.',
  },
  verifyPlain: {
    intro: 'Check whether an electronic license is genuine and valid now: scan the QR code on it, or type its number.',
    scanTitle: 'Scan the QR code',
    scanIntro: 'Point the camera at the QR code on the license.',
    scanStart: 'Open the camera',
    scanStop: 'Stop scanning',
    scanPhoto: 'Take or choose a photo of the QR code',
    scanNoCamera: 'This browser cannot scan directly: take a photo of the QR code, or type the license number.',
    scanNotFound: 'No QR code found in the picture: come closer and try again, or type the license number.',
    scanForeign: 'This QR code is not a check code of this platform’s licenses.',
    technical: 'For technical staff: file and offline checks',
  },
};

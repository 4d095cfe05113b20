// English sentence material: about one opinion in ten comes from a foreign resident or is
// written in English.
import type { Phrasebook } from './phrasebook.js';

export const EN: Phrasebook = {
  sentenceGap: ' ',
  openers: ['Dear Sir or Madam,', 'Hello,', 'To whom it may concern,', 'Good afternoon,', 'Thank you for reading my message.'],
  intros: [
    'I am a foreign resident living in {pref}.',
    'I live in {pref} and work as a {job}.',
    'I am in my {age} and have lived in Japan for several years.',
    'I am writing as a {job} from {city}.',
  ],
  themes: {
    economy: {
      topics: ['rising prices', 'wages', 'support for small businesses'],
      sentences: [
        'Prices keep rising and my weekly grocery bill is now much higher than a year ago.',
        'Wages at small companies are not keeping up with inflation.',
        'Energy bills have become a real burden for households like mine.',
        'One-off cash handouts do not solve the problem of rising prices.',
        'Small shops in my town are closing one after another.',
      ],
    },
    health: {
      topics: ['local hospitals', 'the My Number health insurance card', 'medicine shortages'],
      sentences: [
        'The nearest hospital closed last year and it now takes me {minutes} minutes to see a doctor.',
        'I waited a long time at the clinic because my My Number health insurance card could not be read.',
        'There are not enough doctors in rural areas, especially obstetricians.',
        'Many common medicines have been out of stock at my pharmacy for months.',
        'Care workers deserve better pay; the whole system depends on them.',
      ],
    },
    pension: {
      topics: ['pensions', 'the pension age'],
      sentences: [
        'I am worried that my pension will not be enough when I retire.',
        'My pension has not kept up with rising prices.',
        'The pension statement is very hard to understand.',
        'Please do not raise the pension age any further.',
      ],
    },
    childcare: {
      topics: ['childcare', 'nursery places', 'the child allowance'],
      sentences: [
        'We could not find a nursery place, so I had to delay my return to work.',
        'Childcare support should not depend on household income.',
        'Applying for the child allowance was far too complicated.',
        'There are very few places that can look after a sick child.',
      ],
    },
    education: {
      topics: ['university tuition', "teachers' working hours", 'free school lunches'],
      sentences: [
        'University tuition is too high and many graduates struggle with student loans.',
        'Teachers are overworked and need more support.',
        'Free school lunches should be available everywhere in Japan.',
        'Children who do not go to school need other places to learn.',
      ],
    },
    environment: {
      topics: ['climate change', 'renewable energy', 'plastic waste'],
      sentences: [
        'Summers are getting hotter every year; please act faster on climate change.',
        'Please speed up the introduction of renewable energy.',
        'There is too much plastic waste on our beaches.',
        'Large solar farms are being built on hillsides near my home and I worry about landslides.',
      ],
    },
    disaster: {
      topics: ['disaster information', 'evacuation shelters', 'earthquake preparedness'],
      sentences: [
        'Disaster information should be available in English and other languages for foreign residents.',
        'Evacuation shelters need better conditions for older people and babies.',
        'I only recently found out that my home is in a flood risk area on the hazard map.',
        'Please help households prepare for the next big earthquake.',
      ],
    },
    digital: {
      topics: ['the My Number card', 'online government services', 'personal data'],
      sentences: [
        'Renewing my My Number card required a weekday visit to the city office.',
        'Online government services are convenient, but older people must not be left behind.',
        'I am concerned about how personal data linked to My Number is protected.',
        'The Mynaportal website is hard to navigate.',
      ],
    },
    tax: {
      topics: ['the invoice system', 'consumption tax', 'tax returns'],
      sentences: [
        'The invoice system has added a lot of paperwork for freelancers like me.',
        'Please consider lowering the consumption tax.',
        'The tax return website is convenient but some steps are confusing.',
        'Please explain more clearly how tax money is spent.',
      ],
    },
    transport: {
      topics: ['local buses', 'cycling rules', 'station accessibility'],
      sentences: [
        'Bus services in my area have been cut and older residents cannot get to the hospital.',
        'Cyclists on the pavement are dangerous for pedestrians.',
        'Many stations are still not accessible for wheelchair users.',
        'Buses in the city centre are so crowded with tourists that residents cannot get on.',
      ],
    },
    agriculture: {
      topics: ['the price of rice', 'food self-sufficiency', 'farming costs'],
      sentences: [
        'Fertiliser and feed prices have risen sharply and farming no longer pays.',
        'The price of rice has gone up so much that it is hard to plan.',
        'Wild animals destroyed most of our harvest this year.',
        "Please do more to raise Japan's food self-sufficiency.",
      ],
    },
    foreign: {
      topics: ['information for foreign residents', 'foreign policy'],
      sentences: [
        'As a foreign resident I would like government information to be easier to find in English.',
        'Please keep working patiently to improve relations with neighbouring countries.',
        "Please explain Japan's position on international conflicts more clearly.",
      ],
    },
    defense: {
      topics: ['defence spending', 'base noise'],
      sentences: [
        'Please explain how the increase in defence spending will be funded.',
        'Thank you to the Self-Defense Forces for their help after the earthquake.',
        'Aircraft noise near the base continues late into the night.',
      ],
    },
    labour: {
      topics: ['working hours', 'unpaid overtime', 'flexible working'],
      sentences: [
        'Long working hours are still normal at my company.',
        'Part-time and contract workers should be treated more fairly.',
        'As a foreign worker I found it hard to get advice about unpaid overtime.',
        'Please make flexible working easier for people caring for children or parents.',
      ],
    },
    other: {
      topics: ['city office procedures', 'online voting'],
      sentences: [
        'I was sent from one counter to another at the city office and lost half a day.',
        'Government announcements use too many katakana words.',
        'Online voting would make it easier for young people to vote.',
      ],
    },
  },
  byCategory: {
    opinion: ['In my opinion, {topic} needs to be reviewed.', 'I would like to share my view on {topic}.'],
    question: [
      'Could you tell me who I should contact about {topic}?',
      'When will the changes to {topic} take effect?',
      'Does this apply to foreign residents as well?',
    ],
    request: ['Please take action on {topic} as soon as possible.', 'Please make the procedure simpler.'],
    complaint: [
      'I called the helpline twice but nobody could answer my question.',
      'The information on the website was out of date and I made a mistake because of it.',
    ],
    praise: ['The staff at the counter were very kind and helpful. Thank you.', 'Thank you for your quick response on {topic}.'],
    other: ['I hope this is the right place to send this.'],
  },
  general: [
    'Many of my friends feel the same way.',
    'The situation has become worse over the past year.',
    'I hope my opinion will be useful.',
    'It would help to see concrete data.',
    'The situation in rural areas is very different from Tokyo.',
    'My city office told me this is a national matter, so I am writing to you.',
    'Other countries have already introduced similar measures.',
  ],
  closers: ['Thank you for your time.', 'Best regards.', 'I look forward to your reply.', 'Kind regards.'],
  subjects: {
    opinion: ['About {topic}', 'My opinion on {topic}'],
    question: ['Question about {topic}', 'Enquiry: {topic}'],
    request: ['Request regarding {topic}', 'Please review {topic}'],
    complaint: ['Complaint about {topic}', 'Problem with {topic}'],
    praise: ['Thank you', 'Thanks regarding {topic}'],
    other: ['{topic}', 'Message'],
  },
};
